/**
 * How answers are asked for, refused, confirmed and explained: what to type for a criterion, why a
 * reply was not recorded (in the criterion's own terms), "Hiểu là: … Đúng không?", and the
 * criterion card a question gets.
 */
import { formatViNumber } from '../answers/normalize.js';
import type { Refusal, RefusalReason } from '../answers/types.js';
import { isMeasureUnit, type Question } from '../catalog/types.js';
import type { Status } from '../evaluation/evaluate.js';
import { STATUS_LABEL, shorten, targetLabel } from './format.js';

type Asked = Pick<Question, 'kind' | 'key' | 'target'> & Partial<Pick<Question, 'unit' | 'numeratorLabel'>>;

/** The forms an answer may take, shown under each question. */
export function answerForms(q: Pick<Question, 'kind' | 'target' | 'unit'>): string {
  const self = q.target.op === 'self' ? ' kèm tự đánh giá "đạt"/"chưa đạt"' : '';
  switch (q.kind) {
    case 'yesno':
      return '';
    case 'percent':
      return `Trả lời: tỷ lệ %${self}, ví dụ: 85 hoặc 85%${self ? ' đạt' : ''}.`;
    case 'ratio':
      return `Trả lời: tỷ lệ % hoặc số ${q.unit ?? ''} đạt/tổng số${self}, ví dụ: 85% hoặc 25.031/37.389.`.replace(
        /\s+/g,
        ' ',
      );
    case 'count':
      return isMeasureUnit(q.unit)
        ? `Trả lời: số ${q.unit}${self}, ví dụ: 36 hoặc 36,5.`
        : `Trả lời: số lượng${q.unit ? ` (${q.unit})` : ''}${self}, ví dụ: 4.`;
    case 'text':
      return `Trả lời: nội dung, minh chứng (số, ngày văn bản)${self}.`;
  }
}

/** "4 doanh nghiệp trên tổng số bao nhiêu doanh nghiệp?" */
function totalQuestion(numerator: number, unit: string): string {
  const u = unit.trim() || 'đối tượng';
  return `${formatViNumber(numerator)} ${u} trên tổng số bao nhiêu ${u}?`;
}

const REFUSAL: Record<RefusalReason, (q: Asked, r: Refusal) => string> = {
  empty: () => 'câu trả lời đang trống.',
  too_long: () => 'câu trả lời quá dài (tối đa 1.000 ký tự). Anh/chị ghi ngắn gọn hơn.',
  not_a_number: (q) =>
    q.kind === 'count' ? 'cần một số lượng, ví dụ: 4.' : 'cần một tỷ lệ, ví dụ: 85, 85% hoặc 25.031/37.389.',
  needs_number: (q) =>
    q.kind === 'count'
      ? 'tiêu chí này cần số lượng cụ thể, ví dụ: 4.'
      : 'tiêu chí này cần số liệu cụ thể, ví dụ: 85% hoặc 25.031/37.389 (có thể thêm "đạt" sau số liệu). Chưa có số liệu thì ghi "chưa rõ"; tiêu chí không áp dụng cho xã thì ghi "không áp dụng".',
  negative: () => 'số liệu không được âm.',
  over_100: () => 'tỷ lệ không thể vượt quá 100%.',
  numerator_gt_denominator: () => 'số đạt không thể lớn hơn tổng số (ví dụ đúng: 25.031/37.389).',
  zero_denominator: () => 'tổng số (số sau dấu /) phải lớn hơn 0.',
  not_integer: () => 'cần một số nguyên, ví dụ: 4.',
  too_large: () => 'số quá lớn, anh/chị kiểm tra lại.',
  ambiguous_number: (q, r) => {
    const found = r.figures && r.figures.length > 0 ? ` (${r.figures.slice(0, 4).join('; ')})` : '';
    return q.kind === 'count'
      ? `có nhiều số liệu${found}: anh/chị chỉ ghi một số lượng, ví dụ: 4.`
      : `có nhiều số liệu${found}: anh/chị chỉ ghi một tỷ lệ, ví dụ: 100% hoặc 6/6.`;
  },
  not_yes_no: () => 'cần trả lời Có hoặc Không (hoặc "đang thực hiện", "chưa rõ").',
  needs_self_assessment: () =>
    'tiêu chí này chưa có ngưỡng chỉ tiêu, anh/chị ghi kèm tự đánh giá, ví dụ: 85% đạt hoặc 60% chưa đạt.',
  other_unit: (q, r) =>
    `"${r.words ?? ''}" không phải số ${q.unit ?? 'cần báo cáo'}. Tiêu chí cần tỷ lệ ${q.numeratorLabel ?? q.unit ?? ''} trên tổng số, ví dụ: 85% hoặc 25.031/37.389; chưa có số liệu thì ghi "chưa rõ".`,
  needs_total: (q, r) =>
    `cần cả tổng số: ${totalQuestion(r.numerator ?? 0, r.unit ?? q.unit ?? '')} Ghi dạng ${formatViNumber(r.numerator ?? 0)}/<tổng số>.`,
  doubt: (q, r) =>
    `"${r.words ?? ''}" chưa phải câu trả lời. ${
      q.kind === 'yesno' ? 'Anh/chị trả lời Có hoặc Không' : 'Anh/chị ghi số liệu'
    }; nếu chưa chắc, gõ "chưa rõ".`,
  question: (q) => `đây là câu hỏi. Gõ "giải thích ${q.key}" để xem cách trả lời tiêu chí.`,
  hedge_undecided: (q, r) =>
    `"${r.words ?? ''}" chưa đủ để biết đã đạt chỉ tiêu ${targetLabel({ kind: q.kind, unit: q.unit, target: q.target })} hay chưa. Anh/chị ghi số liệu cụ thể, hoặc "chưa rõ".`,
  date_only: (q) =>
    `đây là ngày tháng, chưa có số liệu. Anh/chị ghi ${q.kind === 'count' ? 'số lượng, ví dụ: 4' : 'tỷ lệ, ví dụ: 85% hoặc 17/20'} (ngày tháng ghi sau số liệu).`,
  malformed_number: () =>
    'số viết như ngày tháng nhưng không phải ngày (ví dụ 4/5/6). Anh/chị ghi lại, ví dụ: 17/20 hoặc 85%.',
};

/** Why the verdict holds, for the criterion card: "đạt khi từ 60% trở lên". */
function rule(q: Pick<Question, 'kind' | 'target' | 'unit'>): string {
  const t = q.target;
  const label = targetLabel(q);
  switch (t.op) {
    case '>=':
      return `đạt khi từ ${label.replace(/^tối thiểu /, '')} trở lên`;
    case '>':
      return `đạt khi ${label}`;
    case '=':
      return `đạt khi bằng ${label}`;
    case '<':
    case '<=':
      return `đạt khi ${label}`;
    case 'yes':
      return 'đạt khi trả lời Có (đã có, đã thực hiện)';
    case 'provided':
      return 'đạt khi có nội dung, minh chứng';
    case 'self':
      return 'chưa có ngưỡng chỉ tiêu: cán bộ tự đánh giá đạt hoặc chưa đạt';
    case 'all':
      return 'đạt khi mọi ý áp dụng được đều đạt';
  }
}

/** What proves a result of this kind, when the catalog lists nothing of its own. */
function evidenceFor(q: Pick<Question, 'kind' | 'evidence'>): string {
  if (q.evidence && q.evidence.length > 0) return q.evidence.join('; ');
  switch (q.kind) {
    case 'percent':
    case 'ratio':
      return 'số liệu có số đạt và tổng số (danh sách, sổ theo dõi, báo cáo thống kê, ảnh chụp màn hình phần mềm)';
    case 'count':
      return 'danh sách, hình ảnh các đối tượng được đếm';
    case 'yesno':
      return 'văn bản (quyết định, kế hoạch), hình ảnh hoặc đường dẫn chứng minh';
    case 'text':
      return 'số, ngày của văn bản';
  }
}

export const answers = {
  refused: (r: Refusal | RefusalReason, q: Asked) => `Chưa ghi: ${answers.refusalReason(r, q)}`,
  refusalReason: (r: Refusal | RefusalReason, q: Asked) => {
    const refusal: Refusal = typeof r === 'string' ? { ok: false, reason: r } : r;
    return REFUSAL[refusal.reason](q, refusal);
  },
  askAgain: (key: string) => `Mời anh/chị trả lời lại tiêu chí ${key} (hoặc "bỏ qua").`,
  /** The question for the total once a count was given at a ratio criterion. */
  askTotal: (key: string, numerator: number, unit: string) =>
    `Tiêu chí ${key}: ${totalQuestion(numerator, unit)}\nGõ tổng số (ví dụ: 12), hoặc "quay lại" để trả lời khác.`,
  /** "Hiểu là: … Đúng không?" for one reading, or the readings to choose from. */
  confirmReading: (key: string, readings: Array<{ label: string; status: Status; target: string }>) => {
    const [only] = readings;
    if (readings.length === 1 && only) {
      const verdict =
        only.status === 'met' || only.status === 'not_met'
          ? ` — ${STATUS_LABEL[only.status]} (chỉ tiêu ${only.target})`
          : only.label === STATUS_LABEL[only.status]
            ? ''
            : ` — ${STATUS_LABEL[only.status]}`;
      return `Tiêu chí ${key}, hiểu là: ${only.label}${verdict}. Đúng không?`;
    }
    return `Tiêu chí ${key}: số liệu có thể hiểu theo ${readings.length} cách. Anh/chị chọn cách đúng:`;
  },
  askVerdict: (key: string, label: string) =>
    `Tiêu chí ${key}: ${label}. Tiêu chí chưa có ngưỡng chỉ tiêu, anh/chị tự đánh giá:`,
  verdictMet: () => 'Đạt',
  verdictNotMet: () => 'Chưa đạt',
  confirmYes: () => 'Đúng',
  confirmRetry: () => 'Nhập lại',
  confirmAgain: () => 'Anh/chị chọn một trong các số ở trên, hoặc gõ "nhập lại" để trả lời khác.',
  retryAnswer: (key: string) => `Chưa ghi. Mời anh/chị trả lời lại tiêu chí ${key}.`,
  /** The criterion card: what a question about a criterion gets. */
  criterionCard: (
    q: Pick<
      Question,
      'key' | 'kind' | 'target' | 'unit' | 'text' | 'note' | 'evidence' | 'numeratorLabel'
    > & {
      groupName: string;
      parts?: ReadonlyArray<{ key: string; text: string }>;
    },
  ) => {
    const lines = [`Tiêu chí ${q.key} · ${q.groupName}`, q.text];
    lines.push(`Chỉ tiêu: ${q.target.op === 'all' ? 'đạt tất cả các ý' : targetLabel(q)} (${rule(q)})`);
    if (q.target.assumed) lines.push(`Cách đánh giá: ${q.target.assumed}`);
    if (q.kind === 'ratio' && q.unit)
      lines.push(`Cách tính: số ${q.numeratorLabel ?? q.unit} / tổng số ${q.unit} × 100%.`);
    if (q.parts && q.parts.length > 0) {
      lines.push('Gồm các ý:', ...q.parts.map((p) => `${p.key}) ${shorten(p.text, 100)}`));
    }
    if (q.note) lines.push(`Ghi chú: ${q.note}`);
    lines.push(`Minh chứng gợi ý: ${evidenceFor(q)}. Gửi ảnh kèm chú thích "${q.key}" để lưu.`);
    const [first] = q.parts ?? [];
    const forms = first ? `Trả lời theo từng ý, ví dụ: ${q.key}${first.key} Có.` : answerForms(q);
    lines.push(forms || 'Trả lời: Có, Không, Đang thực hiện hoặc Chưa rõ.');
    return lines.join('\n');
  },
  unknownCriterion: (code: string, codes: string[]) =>
    `Không có tiêu chí ${code} trong bộ tiêu chí của đơn vị.${codes.length > 0 ? ` Các tiêu chí: ${codes.join(', ')}.` : ''}`,
  cardWhich: () => 'Anh/chị muốn xem tiêu chí nào? Gõ "giải thích" kèm mã, ví dụ: giải thích 3.12',
};
