/**
 * A province named as people write it, read as one of the 34 official ones: by code ("38") or by
 * name with or without diacritics, with the accent on either vowel ("Hoá"/"Hóa"), with or without
 * "tỉnh"/"thành phố"/"TP", and a few usual short forms ("tp hcm", "Sài Gòn", "Thừa Thiên Huế").
 */
import { distance } from 'fastest-levenshtein';
import { fold } from '../answers/normalize.js';
import type { FormerProvince, Province } from './official.js';

/** Short forms and former names of a province that still exists, by their key. */
const ALIASES: Record<string, string> = {
  hcm: 'ho chi minh',
  tphcm: 'ho chi minh',
  'sai gon': 'ho chi minh',
  saigon: 'ho chi minh',
  'sai gon gia dinh': 'ho chi minh',
  hn: 'ha noi',
  'thua thien hue': 'hue',
  'thua thien': 'hue',
  'tt hue': 'hue',
  hp: 'hai phong',
  'can tho city': 'can tho',
};

/**
 * The key a province's name is compared by: folded (no diacritics, đ → d, lower case), punctuation
 * reduced to spaces, "tỉnh", "thành phố", "TP" and "city/province" left out. "Thanh Hoá", "thanh hoa",
 * "Tỉnh Thanh Hóa" all give "thanh hoa"; "TP. Hồ Chí Minh" and "Thành phố Hồ Chí Minh" give "ho chi minh".
 */
export function provinceKey(name: string): string {
  const words = fold(name)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^(tinh|thanh pho|tp|t p)\s+/, '')
    .replace(/\s+(province|city)$/, '')
    .trim();
  return ALIASES[words] ?? ALIASES[words.replace(/\s+/g, '')] ?? words;
}

/** What a province name was read as. */
export type ProvinceReading =
  | { ok: true; province: Province }
  /** Not a province: the closest official names. */
  | { ok: false; reason: 'unknown'; closest: readonly Province[] }
  /** A province merged into others in 2025: where its communes now are. */
  | { ok: false; reason: 'former'; former: string; now: readonly Province[] };

/** How many close names a refusal offers. */
const SUGGESTIONS = 3;

/**
 * Reads a province's code or name. An exact reading (same key) is taken; anything else is refused
 * with the closest official names, or, for a province of before 2025, with where it went.
 */
export function readProvince(
  raw: string,
  provinces: readonly Province[],
  former: () => readonly FormerProvince[] = () => [],
): ProvinceReading {
  const text = raw.trim();
  if (/^\d{1,2}$/.test(text)) {
    const code = text.padStart(2, '0');
    const byCode = provinces.find((p) => p.code === code);
    if (byCode) return { ok: true, province: byCode };
  }
  const key = provinceKey(text);
  const found = provinces.find((p) => provinceKey(p.name) === key);
  if (found) return { ok: true, province: found };
  const was = former().find((f) => provinceKey(f.name) === key);
  if (was) return { ok: false, reason: 'former', former: was.name, now: was.now };
  return { ok: false, reason: 'unknown', closest: closestProvinces(key, provinces) };
}

/** The official provinces whose names are closest to a key: edit distance, a shared start first. */
export function closestProvinces(key: string, provinces: readonly Province[]): Province[] {
  const scored = provinces.map((p) => {
    const k = provinceKey(p.name);
    const prefix = key !== '' && (k.startsWith(key) || key.startsWith(k)) ? 0 : 1;
    // Compared without spaces too: "thanhhoa" is one slip away from "thanh hoa".
    const d = Math.min(distance(key, k), distance(key.replace(/ /g, ''), k.replace(/ /g, '')));
    return { p, rank: prefix * 100 + d };
  });
  return scored
    .sort((a, b) => a.rank - b.rank || a.p.code.localeCompare(b.p.code))
    .slice(0, SUGGESTIONS)
    .map((s) => s.p);
}

/**
 * The provinces of before 1/7/2025 that no longer exist under their name, from the mapping of the
 * old communes: each with the provinces its communes went to, the one with most of them first.
 */
export function formerProvinces(
  rows: Iterable<{ oldProvince: string; newProvinceCode: string }>,
  provinces: readonly Province[],
): FormerProvince[] {
  const current = new Set(provinces.map((p) => provinceKey(p.name)));
  const counts = new Map<string, { name: string; to: Map<string, number> }>();
  for (const r of rows) {
    const key = provinceKey(r.oldProvince);
    if (current.has(key)) continue;
    const entry = counts.get(key) ?? {
      name: r.oldProvince.replace(/^(Tỉnh|Thành phố)\s+/u, ''),
      to: new Map<string, number>(),
    };
    entry.to.set(r.newProvinceCode, (entry.to.get(r.newProvinceCode) ?? 0) + 1);
    counts.set(key, entry);
  }
  const byCode = new Map(provinces.map((p) => [p.code, p]));
  return [...counts.values()].map(({ name, to }) => ({
    name,
    now: [...to.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([code]) => byCode.get(code))
      .filter((p): p is Province => p !== undefined),
  }));
}
