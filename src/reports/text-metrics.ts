/**
 * Widths of text in Times New Roman, to size what Word, Excel and LibreOffice will not size for
 * us: the rules under the letterhead, the row heights of a spreadsheet (neither Excel nor
 * LibreOffice grows a row to its wrapped text when it opens a file), whether a line fits.
 *
 * The advance widths are Liberation Serif's, which has Times New Roman's metrics by design (the
 * same width for every character), in 1/1000 em, as `scripts/font-metrics.ts` prints them.
 * Italic is measured as regular (within a few per cent). Pure: no I/O.
 */
const REGULAR: Array<[number, string]> = [
  [180, "'"],
  [200, '|'],
  [250, ' ,.'],
  [278, '/:;\\ijltìíỉĩị'],
  [333, '!()-I[]`frÌÍỈĨỊ‘’·'],
  [350, '•'],
  [389, 'Js'],
  [408, '"'],
  [444, '?acezàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệ“”'],
  [469, '^'],
  [480, '{}'],
  [500, '#$*0123456789_bdghknopquvxyòóỏõọôồốổỗộùúủũụỳýỷỹỵđ–'],
  [529, 'ơờớởỡợ'],
  [541, '~'],
  [542, 'ưừứửữự'],
  [556, 'FPS'],
  [564, '+<=>×'],
  [611, 'ELTZÈÉẺẼẸÊỀẾỂỄỆ'],
  [667, 'BCR'],
  [722, 'ADGHKNOQUVXYwÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤỲÝỶỸỴĐ'],
  [776, 'ƯỪỨỬỮỰ'],
  [778, '&m'],
  [833, '%'],
  [889, 'M'],
  [921, '@'],
  [944, 'W'],
  [1000, '—…'],
];
const BOLD: Array<[number, string]> = [
  [220, '|'],
  [250, ' ,.'],
  [278, "'/\\ilìíỉĩị"],
  [333, '!()-:;[]`fjt‘’·'],
  [350, '•'],
  [389, 'IsÌÍỈĨỊ'],
  [394, '{}'],
  [444, 'cerzèéẻẽẹêềếểễệ'],
  [500, '#$*0123456789?J_agovxyàáảãạăằắẳẵặâầấẩẫậòóỏõọôồốổỗộỳýỷỹỵ–“”'],
  [520, '~'],
  [554, 'ơờớởỡợ'],
  [555, '"'],
  [556, 'Sbdhknpquùúủũụđ'],
  [570, '+<=>×'],
  [581, '^'],
  [600, 'ưừứửữự'],
  [611, 'FP'],
  [667, 'BELTZÈÉẺẼẸÊỀẾỂỄỆ'],
  [722, 'ACDNRUVXYwÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÙÚỦŨỤỲÝỶỸỴĐ'],
  [778, 'GHKOQÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ'],
  [796, 'ƯỪỨỬỮỰ'],
  [833, '&m'],
  [930, '@'],
  [944, 'M'],
  [1000, '%W—…'],
];

function table(classes: Array<[number, string]>): Map<string, number> {
  const map = new Map<string, number>();
  for (const [width, chars] of classes) for (const ch of chars) map.set(ch, width);
  return map;
}

const WIDTHS = { regular: table(REGULAR), bold: table(BOLD) };

/** The width of a character not in the table: its base letter's (NFD), or that of "n". */
function widthOf(map: Map<string, number>, ch: string): number {
  const known = map.get(ch);
  if (known !== undefined) return known;
  const base = ch.normalize('NFD').charAt(0);
  return map.get(base) ?? map.get('n') ?? 500;
}

/** The width of one line of text, in points. */
export function textWidthPt(text: string, sizePt: number, bold = false): number {
  const map = bold ? WIDTHS.bold : WIDTHS.regular;
  let units = 0;
  for (const ch of text.normalize('NFC')) units += widthOf(map, ch);
  return (units * sizePt) / 1000;
}

/**
 * How many lines `text` takes in a box `widthPt` wide, wrapped at spaces as word processors and
 * spreadsheets do (a word longer than the box is broken); every "\n" starts a new line.
 */
export function lineCount(text: string, widthPt: number, sizePt: number, bold = false): number {
  let count = 0;
  const space = textWidthPt(' ', sizePt, bold);
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let lines = 1;
    let used = 0;
    for (const word of paragraph.split(' ').filter((w) => w !== '')) {
      const w = textWidthPt(word, sizePt, bold);
      const needed = used === 0 ? w : used + space + w;
      if (needed <= widthPt) {
        used = needed;
        continue;
      }
      if (used > 0) lines++;
      // A word wider than the box is broken across lines.
      lines += Math.max(0, Math.ceil(w / widthPt) - 1);
      used = w % widthPt || (w > 0 ? widthPt : 0);
    }
    count += lines;
  }
  return Math.max(count, 1);
}
