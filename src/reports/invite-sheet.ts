/**
 * The invite sheet an administrator prints or sends to the communes (`cds-bot invite --province …
 * --out invites.xlsx`): one row per code, with the unit, the code, its expiry, the Telegram deep
 * link, the Zalo instruction and a QR code of the link (or of the code when the bot's Telegram
 * name is not known) to scan with a phone. A4 landscape, rows never split, the heading repeated.
 */
import ExcelJS from 'exceljs';
import QRCode from 'qrcode';
import { msg } from '../domain/messages/index.js';
import { finishWorkbook, PAPER, PRINT_MARGINS, rowHeight } from './xlsx-common.js';

export interface InviteSheetRow {
  /** The unit's code, or empty for a role (a supervisor's, an admin's code). */
  unitCode: string;
  /** The unit's name, or the role and its scope. */
  unitName: string;
  /** "ABCD-EFGH". */
  code: string;
  expires: string;
  /** https://t.me/<bot>?start=<CODE>, when the bot's Telegram name is known. */
  link?: string;
  zalo: string;
}

export interface InviteSheet {
  title: string;
  rows: readonly InviteSheetRow[];
}

/** The column widths, in digits of the default font. */
const WIDTHS = [9, 24, 16, 11, 40, 30, 17];
/** The QR code's side in pixels (about 3 cm printed): a phone reads it from arm's length. */
const QR_PX = 110;
/** A row holding a QR code: the image's height in points, and a little air. */
const QR_ROW_PT = (QR_PX * 3) / 4 + 14;

/** The QR code of a text as a PNG (error correction M: a printed, folded, photocopied sheet still scans). */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: QR_PX });
}

export async function buildInviteSheet(sheet: InviteSheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Mã mời', {
    pageSetup: {
      paperSize: PAPER.A4,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: PRINT_MARGINS,
      printTitlesRow: '3:3',
    },
  });
  // The link column fits the longest link on one line (12-point text is wider than the default digits).
  const longest = Math.max(0, ...sheet.rows.map((r) => r.link?.length ?? 0));
  const widths = WIDTHS.map((w, i) => (i === 4 ? Math.max(w, longest + 6) : w));
  ws.columns = widths.map((width) => ({ width }));
  const font = { name: 'Times New Roman', size: 12 };
  ws.mergeCells(1, 1, 1, WIDTHS.length);
  const title = ws.getCell(1, 1);
  title.value = sheet.title;
  title.font = { ...font, bold: true, size: 13 };
  title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(1).height = rowHeight([
    { text: sheet.title, chars: WIDTHS.reduce((a, b) => a + b, 0), size: 13, bold: true },
  ]);
  ws.mergeCells(2, 1, 2, WIDTHS.length);
  const note = ws.getCell(2, 1);
  note.value = msg.inviteSheetNote();
  note.font = { ...font, italic: true, size: 11 };
  note.alignment = { wrapText: true, vertical: 'middle' };
  ws.getRow(2).height = rowHeight([
    { text: msg.inviteSheetNote(), chars: WIDTHS.reduce((a, b) => a + b, 0), size: 11 },
  ]);

  const border = { style: 'thin' as const };
  const boxed = { top: border, left: border, bottom: border, right: border };
  const header = ws.getRow(3);
  msg.inviteSheetColumns().forEach((label, i) => {
    const c = header.getCell(i + 1);
    c.value = label;
    c.font = { ...font, bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = boxed;
  });
  header.height = rowHeight(
    msg.inviteSheetColumns().map((text, i) => ({ text, chars: WIDTHS[i] ?? 10, size: 12, bold: true })),
  );

  for (const [i, r] of sheet.rows.entries()) {
    const rowNumber = 4 + i;
    const row = ws.getRow(rowNumber);
    const texts = [r.unitCode, r.unitName, r.code, r.expires, r.link ?? '', r.zalo];
    texts.forEach((text, col) => {
      const c = row.getCell(col + 1);
      c.value = col === 4 && r.link ? { text: r.link, hyperlink: r.link } : text;
      c.font = col === 2 ? { ...font, bold: true, size: 14 } : font;
      c.alignment = {
        vertical: 'middle',
        wrapText: true,
        ...(col === 2 || col === 3 || col === 0 ? { horizontal: 'center' } : {}),
      };
      c.border = boxed;
    });
    row.getCell(7).border = boxed;
    row.height = rowHeight(
      texts.map((text, col) => ({
        text,
        chars: WIDTHS[col] ?? 10,
        size: col === 2 ? 14 : 12,
        bold: col === 2,
      })),
      QR_ROW_PT,
    );
    const image = wb.addImage({
      buffer: (await qrPng(r.link ?? r.code.replace('-', ''))) as never,
      extension: 'png',
    });
    // Anchored in its cell (0-based column 6), a few points in from the corner.
    ws.addImage(image, {
      tl: { col: 6.12, row: rowNumber - 1 + 0.05 },
      ext: { width: QR_PX, height: QR_PX },
      editAs: 'oneCell',
    });
  }
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return finishWorkbook(bytes);
}
