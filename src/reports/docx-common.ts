/**
 * docx helpers for Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP style):
 * Times New Roman, A4, 20 mm top/bottom, 30 mm left, 15 mm right.
 */
import {
  type AlignmentType,
  BorderStyle,
  Document,
  type FileChild,
  Packer,
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

export const FONT = 'Times New Roman';

/** A4 in twips (portrait); docx swaps them itself for landscape. */
const A4 = { width: 11906, height: 16838 };
const MM = 56.7;
export const MARGIN = {
  top: Math.round(20 * MM),
  bottom: Math.round(20 * MM),
  left: Math.round(30 * MM),
  right: Math.round(15 * MM),
};

/** Text width between the margins, in twips. */
export function textWidth(orientation: 'portrait' | 'landscape'): number {
  const pageWidth = orientation === 'landscape' ? A4.height : A4.width;
  return pageWidth - MARGIN.left - MARGIN.right;
}

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
}

export interface ParaOptions extends RunStyle {
  align?: Align;
  /** Left indent in twips. */
  indent?: number;
  firstLine?: number;
  before?: number;
  after?: number;
  keepNext?: boolean;
}

/** One paragraph; line breaks inside `text` become soft breaks. Runs may mix bold and plain. */
export function para(text: string | Array<{ text: string } & RunStyle>, opts: ParaOptions = {}): Paragraph {
  const parts = typeof text === 'string' ? [{ text, bold: opts.bold, italics: opts.italics }] : text;
  const children: TextRun[] = [];
  for (const part of parts) {
    lines(part.text).forEach((line, i) => {
      children.push(
        new TextRun({
          text: line,
          bold: part.bold ?? opts.bold,
          italics: part.italics ?? opts.italics,
          break: i > 0 ? 1 : undefined,
        }),
      );
    });
  }
  return new Paragraph({
    children,
    alignment: opts.align,
    keepNext: opts.keepNext,
    indent:
      opts.indent !== undefined || opts.firstLine !== undefined
        ? { left: opts.indent, firstLine: opts.firstLine }
        : undefined,
    spacing: { before: opts.before ?? 0, after: opts.after ?? 0 },
  });
}

/** A table cell holding one paragraph per line of `text`. */
export function cell(
  text: string,
  width: number,
  opts: ParaOptions & { columnSpan?: number; borderless?: boolean } = {},
): TableCell {
  const paragraphs = lines(text).map((line) => para(line, opts));
  return new TableCell({
    children: paragraphs,
    width: { size: width, type: WidthType.DXA },
    columnSpan: opts.columnSpan,
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 80, right: 80, top: 30, bottom: 30 },
    borders: opts.borderless ? NO_CELL_BORDERS : undefined,
  });
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

/** A borderless two-column block (heading of an official letter, signature block). */
export function twoColumns(left: Paragraph[], right: Paragraph[], widths: [number, number]): Table {
  const side = (children: Paragraph[], width: number) =>
    new TableCell({
      children: children.length > 0 ? children : [new Paragraph({})],
      width: { size: width, type: WidthType.DXA },
      borders: NO_CELL_BORDERS,
    });
  return new Table({
    rows: [new TableRow({ children: [side(left, widths[0]), side(right, widths[1])] })],
    columnWidths: widths,
    width: { size: widths[0] + widths[1], type: WidthType.DXA },
    borders: NO_TABLE_BORDERS,
  });
}

/** Packs one section into a .docx with Times New Roman `sizePt` as the default text. */
export async function packDocument(opts: {
  title: string;
  orientation: 'portrait' | 'landscape';
  sizePt: number;
  children: FileChild[];
}): Promise<Buffer> {
  const doc = new Document({
    title: opts.title,
    creator: 'cds-bot',
    styles: {
      default: {
        document: {
          run: { font: FONT, size: opts.sizePt * 2 },
          paragraph: { spacing: { before: 0, after: 0, line: 264 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: {
              width: A4.width,
              height: A4.height,
              orientation:
                opts.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
            },
            margin: MARGIN,
          },
        },
        children: opts.children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
