/**
 * The parts of a Vietnamese administrative document, laid out to Nghị định 30/2020/NĐ-CP, Phụ lục I
 * ("Thể thức, kỹ thuật trình bày văn bản hành chính"), Phần I. Each rule applied is cited beside the
 * code as [I.3] (Mục I, khoản 3), [II.1b] (Mục II, khoản 1, điểm b) and so on; where the decree
 * gives a range of sizes, the size of its example column (Mục V) is used.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  type FileChild,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { lines } from './common.js';
import { textWidthPt } from './text-metrics.js';
import type { Letterhead, SigningBlock } from './types.js';

/** [I.4] Phông chữ tiếng Việt Times New Roman, màu đen. */
export const FONT = 'Times New Roman';

const MM = 56.7;
const mm = (n: number) => Math.round(n * MM);
/** Points to twips. */
export const pt = (n: number) => Math.round(n * 20);

/** [I.1] Khổ A4 (210 mm x 297 mm), in twips (portrait; docx swaps them for landscape). */
const A4 = { width: 11906, height: 16838 };

/**
 * [I.3] Cách mép trên và mép dưới 20 - 25 mm, cách mép trái 30 - 35 mm, cách mép phải 15 - 20 mm.
 * The header (page number, draft line) sits 8 mm from the top edge, inside the top margin [I.7];
 * a draft takes the top margin's 25 mm, to hold the page number and the draft line.
 */
export const MARGIN = {
  top: mm(20),
  bottom: mm(20),
  left: mm(30),
  right: mm(15),
  header: mm(8),
  footer: mm(8),
};

/** The top margin of a draft. */
export const DRAFT_TOP = mm(25);

/** Text width between the margins, in twips. */
export function textWidth(orientation: 'portrait' | 'landscape'): number {
  const pageWidth = orientation === 'landscape' ? A4.height : A4.width;
  return pageWidth - MARGIN.left - MARGIN.right;
}

/** [II.6e] Khi xuống dòng, chữ đầu dòng lùi vào 1 cm. */
export const FIRST_LINE = mm(10);
/** [II.6e] Khoảng cách giữa các đoạn văn tối thiểu là 6 pt. */
export const PARAGRAPH_AFTER = pt(6);
/** [II.6e] Khoảng cách giữa các dòng tối thiểu là dòng đơn, tối đa là 1,5 lines: 1,2 lines. */
export const LINE = 288;

/** The sizes used, in points: those of the decree's example column (Phụ lục I, Mục V). */
export const SIZE = {
  /** [II.1a] Quốc hiệu: 12–13, in hoa, đứng, đậm. */
  nation: 12,
  /** [II.1b] Tiêu ngữ: 13–14, in thường, đứng, đậm. */
  motto: 13,
  /** [II.2b] Tên cơ quan ban hành: 12–13, in hoa, đứng, đậm. */
  agency: 12,
  /** [II.3c] Từ "Số" và ký hiệu: cỡ chữ 13, đứng. */
  number: 13,
  /** [II.4c] Địa danh và thời gian: 13–14, in thường, nghiêng. */
  date: 13,
  /** [II.5b] Tên loại và trích yếu: 13–14, đứng, đậm. */
  title: 14,
  /** [II.6e] Nội dung văn bản: 13–14, in thường, đứng. */
  body: 14,
  /** [II.9d] "Kính gửi" and the recipients: 13–14, in thường, đứng. */
  recipient: 14,
  /** [II.7đ] Quyền hạn, chức vụ, họ tên người ký: 13–14, đứng, đậm. */
  signer: 14,
  /** [II.9d] Từ "Nơi nhận": cỡ chữ 12, nghiêng, đậm. */
  copyToHead: 12,
  /** [II.9d] Phần liệt kê nơi nhận: cỡ chữ 11, đứng. */
  copyTo: 11,
  /** [I.7] Số trang: 13–14, đứng. */
  pageNumber: 14,
  /** [III.1b] Từ "Phụ lục" và số thứ tự: cỡ chữ 14, đứng, đậm. */
  appendixNumber: 14,
  /** [III.1b] Tên phụ lục: 13–14, in hoa, đứng, đậm. */
  appendixTitle: 14,
  /** [III.1c] Thông tin chỉ dẫn kèm theo văn bản: 13–14, in thường, nghiêng. */
  appendixNote: 13,
} as const;

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  /** Points; the document's default when missing. */
  size?: number;
}

export interface ParaOptions extends RunStyle {
  align?: Align;
  /** Left indent in twips. */
  indent?: number;
  /** Right indent in twips. */
  indentRight?: number;
  firstLine?: number;
  hanging?: number;
  before?: number;
  after?: number;
  /** Line spacing in 240ths of a line (auto); single when missing. */
  line?: number;
  keepNext?: boolean;
  keepLines?: boolean;
}

/** One paragraph; line breaks inside `text` become soft breaks. Runs may mix bold and plain. */
export function para(text: string | Array<{ text: string } & RunStyle>, opts: ParaOptions = {}): Paragraph {
  const parts = typeof text === 'string' ? [{ text, bold: opts.bold, italics: opts.italics }] : text;
  const children: TextRun[] = [];
  for (const part of parts) {
    const size = part.size ?? opts.size;
    lines(part.text).forEach((line, i) => {
      children.push(
        new TextRun({
          text: line,
          bold: part.bold ?? opts.bold,
          italics: part.italics ?? opts.italics,
          ...(size ? { size: size * 2 } : {}),
          break: i > 0 ? 1 : undefined,
        }),
      );
    });
  }
  const indented =
    opts.indent !== undefined ||
    opts.indentRight !== undefined ||
    opts.firstLine !== undefined ||
    opts.hanging !== undefined;
  return new Paragraph({
    children,
    alignment: opts.align,
    keepNext: opts.keepNext,
    keepLines: opts.keepLines,
    ...(opts.size ? { run: { size: opts.size * 2 } } : {}),
    indent: indented
      ? { left: opts.indent, right: opts.indentRight, firstLine: opts.firstLine, hanging: opts.hanging }
      : undefined,
    spacing: { before: opts.before ?? 0, after: opts.after ?? 0, ...(opts.line ? { line: opts.line } : {}) },
  });
}

/**
 * A horizontal rule `width` twips long, centred in a box `boxWidth` wide: an empty paragraph 3 pt
 * high whose bottom border is the line ("đường kẻ ngang, nét liền" of [II.1b], [II.2b], [II.5b]).
 */
export function rule(width: number, boxWidth: number, opts: { keepNext?: boolean } = {}): Paragraph {
  const side = Math.max(0, Math.round((boxWidth - width) / 2));
  return new Paragraph({
    children: [],
    keepNext: opts.keepNext,
    run: { size: 2 },
    indent: { left: side, right: side },
    spacing: { before: 0, after: 0, line: pt(3), lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
  });
}

/** The width of a line of text in twips. */
export function measure(text: string, sizePt: number, bold = false): number {
  return pt(textWidthPt(text, sizePt, bold));
}

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_CELL_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE };
export const NO_TABLE_BORDERS = {
  top: NONE,
  bottom: NONE,
  left: NONE,
  right: NONE,
  insideHorizontal: NONE,
  insideVertical: NONE,
};
/** Left and right padding of the cells of the borderless blocks, in twips. */
const PAD = 60;

/** A table cell holding one paragraph per line of `text`. */
export function cell(
  text: string,
  width: number,
  opts: ParaOptions & { columnSpan?: number; borderless?: boolean; top?: boolean } = {},
): TableCell {
  const paragraphs = lines(text).map((line) => para(line, opts));
  return new TableCell({
    children: paragraphs,
    width: { size: width, type: WidthType.DXA },
    columnSpan: opts.columnSpan,
    verticalAlign: opts.top ? VerticalAlignTable.TOP : VerticalAlignTable.CENTER,
    margins: CELL_MARGINS,
    borders: opts.borderless ? NO_CELL_BORDERS : undefined,
  });
}

/** The padding of a table cell, in twips. */
export const CELL_MARGINS = { left: 80, right: 80, top: 20, bottom: 20 };

/**
 * A row of one borderless cell spanning `span` columns with no padding, holding `children`: what
 * ends a table and must not be parted from its last rows (cantSplit rows are kept whole by Word
 * and LibreOffice alike, where LibreOffice ignores "keep with next" inside tables).
 */
export function tailRow(children: Array<Paragraph | Table>, width: number, span: number): TableRow {
  return new TableRow({
    cantSplit: true,
    children: [
      new TableCell({
        children: [...children, endParagraph()],
        width: { size: width, type: WidthType.DXA },
        columnSpan: span,
        margins: { left: 0, right: 0, top: 0, bottom: 0 },
        borders: NO_CELL_BORDERS,
      }),
    ],
  });
}

/** A borderless block of side-by-side columns, one row per entry of `rows`. */
export function columns(rows: Paragraph[][][], widths: number[], opts: { cantSplit?: boolean } = {}): Table {
  return new Table({
    rows: rows.map(
      (row) =>
        new TableRow({
          cantSplit: opts.cantSplit,
          children: row.map(
            (children, i) =>
              new TableCell({
                children: children.length > 0 ? children : [new Paragraph({})],
                width: { size: widths[i] ?? 0, type: WidthType.DXA },
                borders: NO_CELL_BORDERS,
                margins: { left: PAD, right: PAD, top: 0, bottom: 0 },
              }),
          ),
        }),
    ),
    columnWidths: widths,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    borders: NO_TABLE_BORDERS,
  });
}

const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/**
 * The letterhead, two columns (Phụ lục I, Mục IV, ô 1–4): the agency, its rule and the number on
 * the left; the quốc hiệu, the tiêu ngữ, its rule and the place and date on the right. The number
 * and the date share a row, so they stand on one line [II.4c].
 */
export function letterheadBlock(h: Letterhead, width: number): Table {
  const center = AlignmentType.CENTER;
  const left = Math.round(width * 0.38);
  const right = width - left;
  const inner = (w: number) => w - 2 * PAD;
  // [II.2b] Tên cơ quan: in hoa, đứng, đậm, canh giữa; phía dưới đường kẻ ngang, nét liền, dài
  // từ 1/3 đến 1/2 dòng chữ, đặt cân đối so với dòng chữ (here 2/5 of its longest line).
  const agencyWidth = Math.max(...h.agency.map((l) => measure(l, SIZE.agency, true)));
  const agency = [
    ...h.agency.map((l) => para(l, { bold: true, size: SIZE.agency, align: center })),
    rule(Math.round(agencyWidth * 0.4), inner(left)),
  ];
  // [II.1a] Quốc hiệu in hoa, 12–13, đứng, đậm, trên cùng bên phải. [II.1b] Tiêu ngữ in thường,
  // 13–14, đứng, đậm, canh giữa dưới Quốc hiệu; phía dưới đường kẻ ngang dài bằng dòng chữ.
  // [II.1c] Hai dòng cách nhau dòng đơn.
  const nation = [
    para(NATION, { bold: true, size: SIZE.nation, align: center }),
    para(MOTTO, { bold: true, size: SIZE.motto, align: center }),
    rule(measure(MOTTO, SIZE.motto, true), inner(right)),
  ];
  // [II.3c] Số, ký hiệu canh giữa dưới tên cơ quan; "Số" in thường, cỡ 13, đứng.
  const number = [para(h.number, { size: SIZE.number, align: center, before: pt(6) })];
  // [II.4c] Địa danh và thời gian: in thường, 13–14, nghiêng, canh giữa dưới Quốc hiệu và Tiêu ngữ.
  const date = [para(h.placeAndDate, { italics: true, size: SIZE.date, align: center, before: pt(6) })];
  return columns(
    [
      [agency, nation],
      [number, date],
    ],
    [left, right],
  );
}

/**
 * [II.5b] Tên loại in hoa, 13–14, đứng, đậm, canh giữa; trích yếu ngay dưới, in thường, 13–14,
 * đứng, đậm; bên dưới đường kẻ ngang dài từ 1/3 đến 1/2 dòng chữ, đặt cân đối.
 */
export function titleBlock(kind: string, summary: string, width: number): Paragraph[] {
  const center = AlignmentType.CENTER;
  const longest = Math.min(width, measure(summary, SIZE.title, true));
  return [
    para(kind, { bold: true, size: SIZE.title, align: center, before: pt(18), keepNext: true }),
    para(summary, { bold: true, size: SIZE.title, align: center, keepNext: true }),
    rule(Math.round(longest / 3), width, { keepNext: true }),
  ];
}

/**
 * [II.9d] "Kính gửi" and the recipients, in thường, 13–14, đứng: one recipient on the same line;
 * several each on a line of its own, with a dash, ";" at the end, "." after the last, the dashes
 * lined up under the colon.
 */
export function recipientBlock(recipients: string[], width: number): Paragraph[] {
  const size = SIZE.recipient;
  const head = 'Kính gửi:';
  const clean = recipients.map((r) => r.trim().replace(/[;.,]+$/, ''));
  if (clean.length <= 1) {
    return [
      para(`${head} ${clean[0] ?? ''}`, { size, align: AlignmentType.CENTER, before: pt(12), after: pt(6) }),
    ];
  }
  const under = measure('Kính gửi', size);
  const longest = Math.max(...clean.map((r) => measure(`- ${r};`, size)));
  const left = Math.max(0, Math.round((width - under - longest) / 2));
  return [
    para(head, { size, indent: left, before: pt(12), keepNext: true }),
    ...clean.map((r, i) =>
      para(`- ${r}${i === clean.length - 1 ? '.' : ';'}`, {
        size,
        indent: left + under,
        after: i === clean.length - 1 ? pt(6) : 0,
        keepNext: i < clean.length - 1,
      }),
    ),
  ];
}

/** Room to sign and to seal between the signer's office and name (about 3 cm). */
const SIGN_ROOM = 5;

/**
 * The signing block (Phụ lục I, Mục IV, ô 7a–7c, 9b): Nơi nhận on the left, level with the
 * signer's authority [II.9d]; on the right the place and date when asked (a phụ lục), the
 * authority and office [II.7đ: in hoa, 13–14, đứng, đậm], room to sign and seal, and the name
 * [II.7đ: in thường, 13–14, đứng, đậm, canh giữa].
 */
export function signingBlock(
  signer: SigningBlock,
  width: number,
  opts: { copyTo?: string[]; placeAndDate?: string } = {},
): Table {
  const center = AlignmentType.CENTER;
  const size = SIZE.signer;
  const keep = { keepNext: true };
  const right: Paragraph[] = [];
  if (opts.placeAndDate)
    right.push(
      para(opts.placeAndDate, { italics: true, size: SIZE.date, align: center, after: pt(6), ...keep }),
    );
  right.push(para(signer.authority, { bold: true, size, align: center, ...keep }));
  right.push(para(signer.title, { bold: true, size, align: center, ...keep }));
  for (let i = 0; i < SIGN_ROOM; i++) right.push(para('', { size, ...keep }));
  right.push(para(signer.name, { bold: true, size, align: center }));

  const left: Paragraph[] = [];
  if (opts.copyTo) {
    // [II.9d] "Nơi nhận" on a line of its own, sát lề trái, 12, nghiêng, đậm; the list 11, đứng,
    // each with a dash sát lề trái, ";" at the end; the last line "Lưu: VT, …".
    if (opts.placeAndDate) left.push(para('', { size: SIZE.date, after: pt(6) }));
    left.push(para('Nơi nhận:', { bold: true, italics: true, size: SIZE.copyToHead, ...keep }));
    for (const line of opts.copyTo) left.push(para(`- ${line}`, { size: SIZE.copyTo, ...keep }));
  }
  const leftWidth = opts.copyTo ? Math.round(width * 0.42) : Math.round(width * 0.45);
  return columns([[left, right]], [leftWidth, width - leftWidth], { cantSplit: true });
}

/**
 * The last paragraph of a body that ends with a table: 1 pt high, so that the paragraph Word
 * needs after a table cannot spill onto a blank last page.
 */
export function endParagraph(): Paragraph {
  return new Paragraph({
    children: [],
    run: { size: 2 },
    spacing: { before: 0, after: 0, line: pt(1), lineRule: LineRuleType.EXACT },
  });
}

/** [I.7] The page number: Arabic, 13–14, đứng, canh giữa theo chiều ngang trong phần lề trên. */
function pageNumberParagraph(): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ children: [PageNumber.CURRENT], size: SIZE.pageNumber * 2 })],
  });
}

/** The draft line, on every page of a report that still has unanswered criteria. */
function draftParagraph(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ text, bold: true, size: 24 })],
  });
}

/**
 * Packs one section into a .docx: A4 [I.1], margins [I.3], Times New Roman [I.4] at `sizePt`,
 * page numbers from page 2 [I.7: không hiển thị số trang thứ nhất] and the draft line on every
 * page when `draft` is given.
 */
export async function packDocument(opts: {
  title: string;
  orientation: 'portrait' | 'landscape';
  sizePt: number;
  children: FileChild[];
  draft?: string;
}): Promise<Buffer> {
  const draft = opts.draft ? [draftParagraph(opts.draft)] : [];
  const doc = new Document({
    title: opts.title,
    creator: 'cds-bot',
    styles: {
      default: {
        document: {
          run: { font: FONT, size: opts.sizePt * 2, color: '000000' },
          paragraph: { spacing: { before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: {
              width: A4.width,
              height: A4.height,
              orientation:
                opts.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
            },
            margin: opts.draft ? { ...MARGIN, top: DRAFT_TOP } : MARGIN,
          },
        },
        headers: {
          first: new Header({ children: draft.length > 0 ? draft : [new Paragraph({})] }),
          default: new Header({ children: [pageNumberParagraph(), ...draft] }),
        },
        children: [...opts.children, endParagraph()],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
