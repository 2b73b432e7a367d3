/**
 * Prints the advance widths of Liberation Serif (metric-compatible with Times New Roman: same
 * widths for every character) for the characters the documents use, grouped by width in 1/1000
 * em, as src/reports/text-metrics.ts holds them. Run once when the table needs more characters:
 *
 *   node --import tsx scripts/font-metrics.ts /usr/share/fonts/truetype/liberation2
 *
 * (Debian's fonts-liberation2; fonts-liberation 1.x has no Vietnamese letters.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A TrueType font's advance width (1/1000 em) of a BMP character, from its cmap (format 4) and hmtx. */
function widths(path: string): (ch: string) => number | undefined {
  const b = readFileSync(path);
  const tables: Record<string, number> = {};
  for (let i = 0; i < b.readUInt16BE(4); i++) {
    const o = 12 + i * 16;
    tables[b.toString('latin1', o, o + 4)] = b.readUInt32BE(o + 8);
  }
  const [head, hhea, hmtx, cmap] = [tables.head, tables.hhea, tables.hmtx, tables.cmap] as number[];
  if (head === undefined || hhea === undefined || hmtx === undefined || cmap === undefined)
    throw new Error(`${path}: not a TrueType font`);
  const unitsPerEm = b.readUInt16BE(head + 18);
  const hMetrics = b.readUInt16BE(hhea + 34);
  let sub = -1;
  for (let i = 0; i < b.readUInt16BE(cmap + 2); i++) {
    const off = cmap + b.readUInt32BE(cmap + 8 + i * 8);
    if (
      b.readUInt16BE(cmap + 4 + i * 8) === 3 &&
      b.readUInt16BE(cmap + 6 + i * 8) === 1 &&
      b.readUInt16BE(off) === 4
    )
      sub = off;
  }
  if (sub < 0) throw new Error(`${path}: no Unicode BMP cmap`);
  const segX2 = b.readUInt16BE(sub + 6);
  const ends = sub + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;
  const glyph = (c: number): number => {
    for (let i = 0; i < segX2 / 2; i++) {
      if (c > b.readUInt16BE(ends + 2 * i)) continue;
      const start = b.readUInt16BE(starts + 2 * i);
      if (c < start) return 0;
      const delta = b.readInt16BE(deltas + 2 * i);
      const ro = b.readUInt16BE(ranges + 2 * i);
      if (ro === 0) return (c + delta) & 0xffff;
      const g = b.readUInt16BE(ranges + 2 * i + ro + 2 * (c - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
  return (ch) => {
    const g = glyph(ch.codePointAt(0) ?? 0);
    if (g === 0) return undefined;
    return Math.round((b.readUInt16BE(hmtx + 4 * Math.min(g, hMetrics - 1)) * 1000) / unitsPerEm);
  };
}

const VIETNAMESE =
  'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ' +
  'ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ';
const chars = [
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)),
  ...VIETNAMESE,
  ...'–—…“”‘’•·×',
];
const dir = process.argv[2] ?? '/usr/share/fonts/truetype/liberation2';
for (const [name, file] of [
  ['REGULAR', 'LiberationSerif-Regular.ttf'],
  ['BOLD', 'LiberationSerif-Bold.ttf'],
] as const) {
  const w = widths(join(dir, file));
  const classes = new Map<number, string>();
  for (const ch of chars) {
    const width = w(ch);
    if (width === undefined) throw new Error(`${file} has no glyph for "${ch}"`);
    classes.set(width, (classes.get(width) ?? '') + ch);
  }
  const lines = [...classes.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([k, v]) => `  [${k}, ${JSON.stringify(v)}],`);
  console.log(`const ${name}: Array<[number, string]> = [\n${lines.join('\n')}\n];`);
}
