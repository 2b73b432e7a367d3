/**
 * The official administrative units bundled in dvhc/ (see its README for the sources): the 34
 * provinces, the 3,321 communes and the mapping of the 10,047 old communes. Each file is read and
 * parsed once, on first use, and indexed for the look-ups the commands make; nothing is read until a
 * command needs it (the provinces file, 34 lines, for a province option; the others for
 * `units import` and `units merges`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Commune, MergerRow, OfficialList } from './domain/units/official.js';
import { formerProvinces, readProvince } from './domain/units/provinces.js';

export type { OfficialList };

/** The bundled data folder: dvhc/ beside src/ and dist/ (both one level under the project). */
export const BUNDLED_DVHC_DIR = fileURLToPath(new URL('../dvhc/', import.meta.url));

/** The rows of a CSV file of the bundle (no quoted fields in it), as records of its header's columns. */
function readCsv(dir: string, file: string): Array<Record<string, string>> {
  const text = readFileSync(join(dir, file), 'utf8').normalize('NFC');
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines.shift() ?? '').replace(/^\uFEFF/, '').split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((h, i) => [h.trim(), (cells[i] ?? '').trim()]));
  });
}

/** A value computed on first use and kept. */
function lazy<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => {
    value ??= { v: make() };
    return value.v;
  };
}

function group<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function load(dir: string): OfficialList {
  const provinces = lazy(() =>
    readCsv(dir, 'provinces.csv').map((r) => ({ code: r.code ?? '', name: r.name ?? '' })),
  );
  const communes = lazy(() => {
    const list: Commune[] = readCsv(dir, 'communes.csv').map((r) => ({
      provinceCode: r.province_code ?? '',
      code: r.code ?? '',
      name: r.name ?? '',
    }));
    return { byProvince: group(list, (c) => c.provinceCode), byCode: new Map(list.map((c) => [c.code, c])) };
  });
  const mapping = lazy(() => {
    const rows: MergerRow[] = readCsv(dir, 'old-to-new.csv').map((r) => ({
      oldProvinceCode: r.old_province_code ?? '',
      oldProvince: r.old_province ?? '',
      oldCode: r.old_code ?? '',
      oldName: r.old_name ?? '',
      newCode: r.new_code ?? '',
      newName: r.new_name ?? '',
      newProvinceCode: r.new_province_code ?? '',
      share: r.share === 'part' ? 'part' : 'whole',
    }));
    return { rows, byNew: group(rows, (r) => r.newCode), byOld: group(rows, (r) => r.oldCode) };
  });
  const former = lazy(() => formerProvinces(mapping().rows, provinces()));
  return {
    get provinces() {
      return provinces();
    },
    province: (code) => provinces().find((p) => p.code === code),
    readProvince: (raw) => readProvince(raw, provinces(), former),
    communesOf: (code) => communes().byProvince.get(code) ?? [],
    commune: (code) => communes().byCode.get(code),
    predecessorsOf: (code) => mapping().byNew.get(code) ?? [],
    successorsOf: (code) => mapping().byOld.get(code) ?? [],
    get formerProvinces() {
      return former();
    },
  };
}

const loaded = new Map<string, OfficialList>();

/** The official list in a folder (the bundled one by default), loaded once per process. */
export function officialList(dir: string = BUNDLED_DVHC_DIR): OfficialList {
  let list = loaded.get(dir);
  if (!list) {
    list = load(dir);
    loaded.set(dir, list);
  }
  return list;
}
