/** Starting from last period: the offer to keep its results, "như cũ", and last period's khó khăn. */
import type { Status } from '../evaluation/evaluate.js';
import { periodLabel, shorten } from './format.js';
import { verdictLine } from './walk.js';

export const carry = {
  carryOffer: (period: string, from: string, keys: readonly string[]) =>
    [
      `${periodLabel(from).replace(/^./, (c) => c.toUpperCase())} xã đã báo cáo Có/Đạt hoặc không áp dụng ở ${keys.length} tiêu chí: ${keys.join(', ')}.`,
      `Giữ nguyên kết quả ${periodLabel(from)} cho ${keys.length} tiêu chí này trong báo cáo ${periodLabel(period)}?`,
    ].join('\n'),
  offerLeft: (period: string) =>
    `Chưa bắt đầu báo cáo ${periodLabel(period)}, chưa ghi gì. Gõ "báo cáo" khi sẵn sàng.`,
  carryKeepAll: () => 'Giữ tất cả',
  carryReview: () => 'Xem từng tiêu chí',
  carryFresh: () => 'Trả lời lại từ đầu',
  carryChoose: () => 'Anh/chị chọn 1 (giữ tất cả), 2 (xem từng tiêu chí) hoặc 3 (trả lời lại từ đầu).',
  carried: (from: string, count: number, left: number) =>
    `Đã giữ kết quả ${periodLabel(from)} cho ${count} tiêu chí (muốn đổi: gõ "sửa <mã>"). ${
      left > 0 ? `Còn ${left} tiêu chí cần trả lời.` : 'Đã trả lời đủ các tiêu chí.'
    }`,
  carriedNone: () => 'Không còn kết quả nào của kỳ trước để giữ; mời anh/chị trả lời từng tiêu chí.',
  /** "như cũ" typed where last period has no answer for the criterion. */
  nothingToKeep: (key: string, from: string) =>
    `Tiêu chí ${key} chưa có kết quả ${periodLabel(from)} để giữ. Mời anh/chị trả lời.`,
  nothingToKeepLine: () => 'kỳ trước chưa có kết quả để giữ.',
  keptAnswer: (key: string, label: string, status: Status, target: string, from: string, extra?: string) =>
    `Ghi nhận ${key} (giữ như ${periodLabel(from)}): ${verdictLine(label, status, target)}${extra ? `; ${extra}` : ''}.`,
  keptDifficulty: (difficulty: string | undefined, proposal: string | undefined) =>
    [
      difficulty ? `Khó khăn giữ như kỳ trước: ${shorten(difficulty, 160)}` : '',
      proposal ? `Đề xuất giữ như kỳ trước: ${shorten(proposal, 160)}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  /** The "Như cũ" choice under a question whose criterion was answered last period. */
  sameAsBefore: () => 'Như cũ',
  keptFrom: (from: string) => `giữ từ ${periodLabel(from)}`,
  priorDifficulty: (
    key: string,
    from: string,
    difficulty: string | undefined,
    proposal: string | undefined,
  ) =>
    [
      `Khó khăn, đề xuất của tiêu chí ${key} như ${periodLabel(from)}:`,
      difficulty ? `• Khó khăn: ${shorten(difficulty, 300)}` : '',
      proposal ? `• Đề xuất: ${shorten(proposal, 300)}` : '',
      'Giữ nguyên cho kỳ này?',
    ]
      .filter(Boolean)
      .join('\n'),
  priorKeep: () => 'Giữ',
  priorChange: () => 'Sửa',
  priorDrop: () => 'Bỏ',
  priorKept: (key: string) => `Đã giữ khó khăn, đề xuất kỳ trước cho tiêu chí ${key}.`,
  priorDropped: (key: string) => `Tiêu chí ${key} không ghi khó khăn kỳ này.`,
};
