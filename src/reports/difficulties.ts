/**
 * The difficulties report (Báo cáo những khó khăn, vướng mắc và đề xuất, kiến nghị), in the shape
 * of seed 002 and the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I (rules cited as in
 * docx-common.ts): letterhead, BÁO CÁO and its trích yếu, Kính gửi, the căn cứ, one section per
 * group ("I. NHÓM TIÊU CHÍ SỐ 2: KINH TẾ SỐ") with "1. Tiêu chí 2.5:" and a) yêu cầu, b) kết quả
 * thực hiện, c) đề xuất; "ĐỀ XUẤT, KIẾN NGHỊ"; the closing; Nơi nhận and the signing block.
 */
import { AlignmentType, type FileChild } from 'docx';
import { lines } from './common.js';
import { sentence } from './data.js';
import {
  FIRST_LINE,
  LINE,
  letterheadBlock,
  PARAGRAPH_AFTER,
  packDocument,
  para,
  pt,
  recipientBlock,
  SIZE,
  signingBlock,
  textWidth,
  titleBlock,
} from './docx-common.js';
import type { DifficultiesData } from './types.js';

export async function buildDifficultiesDocx(data: DifficultiesData): Promise<Buffer> {
  const width = textWidth('portrait');
  // [II.6e] Nội dung: in thường, canh đều hai lề, đứng, 13–14; lùi đầu dòng 1 cm; đoạn cách
  // đoạn tối thiểu 6 pt; dòng cách dòng từ đơn đến 1,5 lines.
  const body = (text: string, extra: Parameters<typeof para>[1] = {}) =>
    para(text, {
      size: SIZE.body,
      align: AlignmentType.JUSTIFIED,
      firstLine: FIRST_LINE,
      after: PARAGRAPH_AFTER,
      line: LINE,
      ...extra,
    });

  const children: FileChild[] = [letterheadBlock(data.letterhead, width)];
  children.push(...titleBlock(data.kind, data.summary, width));
  children.push(...recipientBlock(data.recipients, width));
  for (const p of lines(data.intro)) if (p.trim() !== '') children.push(body(p));

  for (const group of data.groups) {
    // [II.6đ] Số thứ tự (La Mã) và tiêu đề của mục: in hoa, 13–14, đứng, đậm.
    children.push(body(group.heading, { bold: true, keepNext: true }));
    group.items.forEach((item, i) => {
      const text = item.text.trim();
      // [II.6đ] Khoản có tiêu đề: số thứ tự và tiêu đề in thường, đứng, đậm.
      children.push(
        para(
          [{ text: `${i + 1}. Tiêu chí ${item.code}:`, bold: true }, { text: text === '' ? '' : ` ${text}` }],
          {
            size: SIZE.body,
            align: AlignmentType.JUSTIFIED,
            firstLine: FIRST_LINE,
            after: PARAGRAPH_AFTER,
            line: LINE,
            keepNext: true,
          },
        ),
      );
      // [II.6đ] Điểm: chữ cái tiếng Việt và dấu đóng ngoặc đơn, in thường, đứng.
      children.push(body(`a) Yêu cầu tiêu chí: ${item.requirement}`, { keepNext: true }));
      children.push(body(`b) Kết quả thực hiện: ${item.result}`, { keepNext: true }));
      for (const line of item.resultLines ?? []) children.push(body(line, { keepNext: true }));
      const proposal = lines(item.proposal.trim()).filter((l) => l.trim() !== '');
      if (proposal.length === 0) children.push(body('c) Không có đề xuất, kiến nghị.'));
      // The officer's words as written, case kept; only a missing stop is added at the end.
      proposal.forEach((l, j) => {
        const text = j === proposal.length - 1 ? sentence(l) : l;
        children.push(body(j === 0 ? `c) ${text}` : text, { keepNext: j < proposal.length - 1 }));
      });
    });
  }

  children.push(body(data.proposals.heading, { bold: true, keepNext: true }));
  children.push(body(data.proposals.intro, { keepNext: data.proposals.items.length > 0 }));
  for (const item of data.proposals.items) children.push(body(item));

  for (const p of lines(data.closing)) if (p.trim() !== '') children.push(body(p, { keepNext: true }));

  children.push(para('', { size: SIZE.body, after: pt(6), keepNext: true }));
  children.push(signingBlock(data.signer, width, { copyTo: data.copyTo }));

  return packDocument({
    title: `${data.kind} ${data.summary}`,
    orientation: 'portrait',
    sizePt: SIZE.body,
    children,
    ...(data.draft ? { draft: data.draft } : {}),
  });
}
