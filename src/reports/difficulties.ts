/**
 * The difficulties report (Báo cáo những khó khăn, vướng mắc và đề xuất, kiến nghị), in the shape of
 * seed 002: heading block, "Kính gửi", intro, one section per group ("I. NHÓM TIÊU CHÍ SỐ 2: KINH TẾ SỐ"),
 * per unmet criterion "1. Tiêu chí 2.5: …" with a) yêu cầu, b) kết quả, c) đề nghị, closing paragraph,
 * "Nơi nhận" and a signature block left for signing ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH").
 */
import { AlignmentType, type FileChild, type Paragraph } from 'docx';
import { fold, lines, upper } from './common.js';
import { packDocument, para, textWidth, twoColumns } from './docx-common.js';
import type { DifficultiesData } from './types.js';

const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
/** Left blank for the văn thư to number. */
const NUMBER_PLACEHOLDER = 'Số:        /BC-UBND';
/** First-line indent of body paragraphs (1 cm). */
const INDENT = 567;
/** What c) says when the officer proposed nothing: a gap to fill by hand. */
const EMPTY_PROPOSAL = 'Đề nghị: ……………………………………';

export async function buildDifficultiesDocx(data: DifficultiesData): Promise<Buffer> {
  const width = textWidth('portrait');
  const center = AlignmentType.CENTER;
  const justify = AlignmentType.JUSTIFIED;
  const body = (text: string, extra: Parameters<typeof para>[1] = {}) =>
    para(text, { align: justify, firstLine: INDENT, before: 60, after: 60, ...extra });

  const leftWidth = Math.round(width * 0.4);
  const heading = twoColumns(
    [para(upper(data.issuer), { bold: true, align: center }), para(NUMBER_PLACEHOLDER, { align: center })],
    [
      para(NATION, { bold: true, align: center }),
      para(MOTTO, { bold: true, align: center }),
      para('', {}),
      para(data.placeAndDate, { italics: true, align: center }),
    ],
    [leftWidth, width - leftWidth],
  );

  const children: FileChild[] = [heading];
  const titleLines = fold(data.title).startsWith('bao cao') ? [data.title] : ['BÁO CÁO', data.title];
  titleLines.forEach((t, i) => {
    children.push(para(t, { bold: true, align: center, before: i === 0 ? 360 : 0 }));
  });

  children.push(...recipientParagraphs(data.recipient));
  for (const p of lines(data.intro)) if (p.trim() !== '') children.push(body(p));

  for (const group of data.groups) {
    children.push(body(group.heading, { bold: true, before: 120, keepNext: true }));
    group.items.forEach((item, i) => {
      const text = item.text.trim();
      children.push(
        para(
          [{ text: `${i + 1}. Tiêu chí ${item.code}:`, bold: true }, { text: text === '' ? '' : ` ${text}` }],
          { align: justify, firstLine: INDENT, before: 60, after: 60, keepNext: true },
        ),
      );
      children.push(body(`a) Yêu cầu tiêu chí: ${item.requirement}`, { keepNext: true }));
      children.push(body(`b) Kết quả thực hiện: ${item.result}`, { keepNext: true }));
      children.push(body(`c) ${proposalLine(item.proposal)}`));
    });
  }

  for (const p of lines(data.closing)) if (p.trim() !== '') children.push(body(p, { before: 120 }));

  const small = { before: 0, after: 0 };
  children.push(
    twoColumns(
      [
        para([{ text: 'Nơi nhận:', bold: true, italics: true }], { before: 240 }),
        para('- Như trên;', small),
        para('- Lưu: VT.', small),
      ],
      [
        para('KT. CHỦ TỊCH', { bold: true, align: center, before: 240 }),
        para('PHÓ CHỦ TỊCH', { bold: true, align: center }),
        para('(Ký, ghi rõ họ tên, đóng dấu)', { italics: true, align: center }),
        para('', {}),
        para('', {}),
        para('', {}),
      ],
      [leftWidth, width - leftWidth],
    ),
  );

  return packDocument({ title: data.title, orientation: 'portrait', sizePt: 14, children });
}

/** "Kính gửi: …" centred; several recipients (one per line) go below it as "- …;" lines. */
function recipientParagraphs(recipient: string): Paragraph[] {
  const all = lines(recipient)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const first = all[0] ?? '';
  const head = /^kinh gui\s*:?/.test(fold(first)) ? first : `Kính gửi: ${first}`;
  const out = [para(head, { align: AlignmentType.CENTER, before: 240, after: 120 })];
  for (const l of all.slice(1)) out.push(para(l, { indent: 2835, after: 0 }));
  return out;
}

/** The c) line: the officer's proposal, starting with "Đề nghị" unless it already says what it is. */
function proposalLine(proposal: string): string {
  const p = proposal.trim();
  if (p === '') return EMPTY_PROPOSAL;
  if (/^(de nghi|de xuat|kien nghi)/.test(fold(p))) return p;
  const lowered = /^\p{Lu}\p{Ll}/u.test(p) ? p.charAt(0).toLocaleLowerCase('vi-VN') + p.slice(1) : p;
  return `Đề nghị ${lowered}`;
}
