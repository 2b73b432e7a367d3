/**
 * What the province's operator reads when a framework is brought in from its own table
 * (`frameworks import|publish|export|template`): every cell read with an assumption or refused,
 * with its row and column, and what to do next.
 */
import type { Finding, FindingReason } from '../catalog/table.js';
import { periodLabel } from './format.js';

const REASON: Record<FindingReason, (f: Finding) => string> = {
  blank: () => 'chỉ tiêu để trống: hiểu là xã tự đánh giá đạt hoặc chưa đạt.',
  unreadable: () =>
    'không đọc được ngưỡng: hiểu là xã tự đánh giá đạt hoặc chưa đạt. Có ngưỡng thì ghi lại, ví dụ "tối thiểu 30%", "dưới 5%", "Có".',
  approximate: (f) => `"khoảng" không phải ngưỡng: hiểu là ${f.detail ?? ''}.`,
  count_without_unit: (f) =>
    `không có đơn vị tính: hiểu là số lượng, ${f.detail ?? ''}. Ghi cột Đơn vị tính (ví dụ: điểm, thôn, Mb/s) nếu cần.`,
  several_numbers: () => 'có nhiều số, không rõ số nào là ngưỡng: hiểu là xã tự đánh giá đạt hoặc chưa đạt.',
  over_100: () => 'tỷ lệ vượt quá 100%.',
  unknown_column: () => 'cột không nhận ra, bỏ qua.',
  code_renumbered: (f) =>
    `mã "${f.cell ?? ''}" ghi thành ${f.detail ?? ''} (mã tiêu chí trong cds-bot có dạng nhóm.số, ví dụ 1.4).`,
  parent_group: (f) =>
    `dòng nhóm lớn "${f.cell ?? ''}" bỏ qua: mỗi tiêu chí có tên (cột bên cạnh) là một nhóm trong cds-bot, các chỉ tiêu của nó là các tiêu chí.`,
  code_missing: (f) => `không có mã: đặt mã ${f.detail ?? ''}.`,
  merged_copied: () => 'ô gộp: dòng này dùng chung chỉ tiêu của ô gộp.',
  composite_target: (f) =>
    `tiêu chí ${f.detail ?? ''} có các ý a), b)…: chỉ tiêu "${f.cell ?? ''}" của dòng tiêu chí không dùng; tiêu chí đạt khi mọi ý áp dụng được đều đạt.`,
  no_group: () => 'chưa có dòng nhóm trước tiêu chí này: các tiêu chí chưa có nhóm được xếp vào nhóm 1.',
  group_count: (f) => {
    const [said, found] = (f.detail ?? '/').split('/');
    return `dòng nhóm ghi ${said} chỉ tiêu nhưng bảng có ${found} chỉ tiêu thuộc nhóm này.`;
  },
  sub_point_points: () => 'điểm ghi ở một ý không dùng: điểm tính cho cả tiêu chí (ghi ở dòng tiêu chí).',
  bad_points: () => 'điểm tối đa cần là một số lớn hơn 0.',
  bad_scoring: () =>
    'cách chấm điểm không nhận ra (cần cả cột Điểm tối đa): ghi "đạt mới có điểm", "tỷ lệ", hoặc các bậc "từ 50: 2; từ 80: 4".',
  bad_group_target: (f) =>
    `chỉ tiêu của nhóm xã không cùng loại với tiêu chí (${f.detail ?? ''}) hoặc vượt quá 100%.`,
  year_column: (f) =>
    `chỉ tiêu năm ${f.detail ?? ''} được dùng làm chỉ tiêu của bộ; chỉ tiêu giao cho các năm sau: cds-bot frameworks targets --id <mã> --year <năm> <bảng>.`,
  unknown_code: () =>
    'bộ tiêu chí không có mã này (bảng cần đúng mã của bộ, như bảng frameworks export ghi ra).',
  bad_year_target: (f) =>
    `không đọc được chỉ tiêu, hoặc chỉ tiêu không cùng loại với tiêu chí (${f.detail ?? ''}).`,
  numbering_row: () => 'dòng đánh số cột (1), (2), …: bỏ qua.',
  no_header: () =>
    'không tìm thấy dòng tiêu đề. Bảng cần cột Tiêu chí (hoặc Chỉ tiêu, Chỉ số, Nội dung) và ít nhất một cột khác: STT, Chỉ tiêu giao, Đơn vị tính…',
  no_text_column: () => 'có cột STT nhưng không có cột Tiêu chí (hoặc Chỉ tiêu, Chỉ số, Nội dung).',
  duplicate_code: (f) => `mã ${f.cell ?? ''} trùng với dòng ${f.detail ?? ''}.`,
  orphan_sub_point: () => 'ý a), b)… không đứng sau tiêu chí nào.',
  single_sub_point: (f) =>
    `tiêu chí ${f.detail ?? ''} chỉ có một ý: cần ít nhất hai ý a), b), hoặc bỏ chữ "a)" để ghi thành tiêu chí thường.`,
  empty_text: () => 'dòng có mã nhưng không có nội dung tiêu chí.',
  bad_kind: () =>
    'loại trả lời không nhận ra: ghi tỷ lệ %, tỷ lệ trên tổng số, số lượng, có/không, nội dung hoặc nhiều ý (tỷ lệ trên tổng số cần cột Đối tượng tính tỷ lệ).',
  bad_op: () =>
    'cách so sánh không nhận ra: ghi tối thiểu, trên, bằng, dưới, không quá, có, có nội dung hoặc tự đánh giá.',
  bad_value: () => 'cần một số làm ngưỡng.',
  empty_group: () => 'nhóm không có tiêu chí nào.',
  no_criteria: () => 'bảng không có tiêu chí nào.',
};

/** "Dòng 7, cột C (Chỉ tiêu giao) "khoảng 30%": …" */
function findingLine(f: Finding): string {
  const where = [
    f.row > 0 ? `Dòng ${f.row}` : 'Cả bảng',
    f.column ? `cột ${f.column.letter} (${f.column.header})` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  const cell =
    f.cell && f.reason !== 'composite_target' && f.reason !== 'code_renumbered' && f.reason !== 'parent_group'
      ? ` "${f.cell}"`
      : '';
  return `- ${where}${cell}: ${REASON[f.reason](f)}`;
}

export const frameworks = {
  fwFinding: findingLine,
  fwStopped: (stops: Finding[], others: Finding[]) =>
    [
      `Không ghi bộ tiêu chí: bảng có ${stops.length} chỗ cần sửa trước khi nhập.`,
      ...stops.map(findingLine),
      ...(others.length > 0
        ? [
            '',
            `Ngoài ra ${others.length} ô đọc theo giả định (xem lại sau khi sửa):`,
            ...others.map(findingLine),
          ]
        : []),
    ].join('\n'),
  fwRead: (criteria: number, groups: number, questions: number) =>
    `Đã đọc ${criteria} tiêu chí trong ${groups} nhóm (${questions} câu hỏi cho xã).`,
  fwAssumptions: (findings: Finding[]) =>
    findings.length === 0
      ? 'Mọi ô đều đọc được, không phải giả định gì.'
      : [`Cần kiểm tra ${findings.length} ô đã đọc theo giả định:`, ...findings.map(findingLine)].join('\n'),
  fwDraftWritten: (path: string, id: string, replaced: boolean) =>
    [
      `${replaced ? 'Đã thay bản nháp' : 'Đã ghi bản nháp'} ${path}.`,
      `Xem thử như cán bộ xã: cds-bot chat --framework ${id}`,
      `Sửa bảng rồi nhập lại bao nhiêu lần cũng được; khi đã đúng: cds-bot frameworks publish ${id}`,
    ].join('\n'),
  fwNewVersion: (published: string, id: string, version: string) =>
    `Bộ ${published} đã ban hành nên không sửa được; bảng này được ghi thành phiên bản mới ${id} (phiên bản ${version}). Các đơn vị vẫn dùng ${published} cho đến khi được chuyển sang.`,
  fwUnchanged: (id: string) => `Bộ ${id} đã ban hành và bảng không có gì khác: không ghi gì.`,
  fwPublished: (id: string, name: string) =>
    [
      `Đã ban hành ${id}: ${name}.`,
      'Từ nay bộ này không thay đổi; bảng sửa đổi được nhập thành phiên bản mới.',
      `Giao cho đơn vị: cds-bot units add … --framework ${id}`,
    ].join('\n'),
  fwAlreadyPublished: (id: string) => `Bộ ${id} đã ban hành rồi.`,
  fwIsDraft: (id: string) =>
    `Bộ tiêu chí ${id} còn là bản nháp: chưa giao cho đơn vị được. Ban hành trước: cds-bot frameworks publish ${id} (xem thử: cds-bot chat --framework ${id}).`,
  fwNeedsId: () => 'Thiếu --id (mã bộ tiêu chí, ví dụ: ninh-binh-xa-2026).',
  fwNeedsName: () => 'Thiếu --name (tên bộ tiêu chí, ví dụ: "Bộ tiêu chí chuyển đổi số cấp xã năm 2026").',
  fwBadId: (id: string) =>
    `Mã bộ tiêu chí "${id}" không hợp lệ: chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ ninh-binh-xa-2026.`,
  fwFileKind: (path: string) => `Chỉ nhập được tệp .xlsx hoặc .csv: ${path}.`,
  fwFileMissing: (path: string) => `Không mở được tệp ${path} (kiểm tra tên và đường dẫn).`,
  fwFileUnreadable: (path: string) =>
    `Không đọc được tệp ${path}: tệp không phải bảng tính .xlsx đọc được (mở bằng Excel rồi lưu lại dạng .xlsx).`,
  fwInvalid: (problems: string[]) =>
    ['Bảng đọc được nhưng bộ tiêu chí chưa hợp lệ, không ghi gì:', ...problems.map((p) => `- ${p}`)].join(
      '\n',
    ),
  fwExported: (path: string, id: string) =>
    `Đã ghi ${path}: bộ ${id} dạng bảng. Sửa trong bảng rồi nhập lại: cds-bot frameworks import ${path} --id ${id}`,
  fwTemplateWritten: (path: string) =>
    [
      `Đã ghi mẫu ${path}: các cột nhận được và mỗi loại tiêu chí một dòng ví dụ.`,
      'Xóa các dòng ví dụ, điền tiêu chí của tỉnh rồi nhập: cds-bot frameworks import <tệp> --id <mã> --name "<tên>"',
    ].join('\n'),
  fwPreview: (name: string) =>
    `Xem thử bộ tiêu chí "${name}" như cán bộ một xã thử nghiệm. Không có gì được lưu vào dữ liệu thật.`,
  fwGroupNeedsFramework: () =>
    '--group chỉ dùng với --framework (xem thử như xã thuộc nhóm đó); nhóm của đơn vị thật: cds-bot units set --unit <mã> --group 1|2|3.',
  fwPreviewNoAs: () =>
    'chat --framework xem thử bộ tiêu chí trong một xã thử nghiệm, không làm thay ai: bỏ --as.',
  fwBadLevels: () => 'cần dạng "Mức 1: 0; Mức 2: 50; Mức 3: 75" (điểm bắt đầu mỗi mức, từ thấp lên cao).',
  fwBadGroup: () => 'nhóm xã là 1, 2 hoặc 3 ("" để bỏ).',
  fwGroupSet: (code: string, group: number | null) =>
    group === null ? `Đã bỏ nhóm xã của đơn vị ${code}.` : `Đơn vị ${code}: xã nhóm ${group}.`,
  fwNeedsGroup: (code: string, frameworkId: string, criteria: readonly string[]) =>
    `Lưu ý: bộ ${frameworkId} có chỉ tiêu khác nhau theo nhóm xã (${criteria.join(', ')}) mà đơn vị ${code} chưa được xếp nhóm: các tiêu chí này chưa được đánh giá theo ngưỡng. Xếp nhóm: cds-bot units set --unit ${code} --group 1|2|3`,
  fwYearTargetsSet: (id: string, year: string, n: number, path: string) =>
    `Đã ghi chỉ tiêu năm ${year} của ${n} tiêu chí vào ${id} (${path}). Các kỳ của năm ${year} được đánh giá theo các chỉ tiêu này; tiêu chí không có trong bảng giữ chỉ tiêu của bộ.`,
  fwYearTargetsFixed: (id: string, year: string) =>
    `Bộ ${id} đã ban hành và đã có chỉ tiêu năm ${year}: không thay đổi được. Chỉ tiêu khác thì nhập thành phiên bản mới.`,
  fwYearTargetsStopped: (lines: string[]) =>
    ['Không ghi chỉ tiêu năm: bảng có chỗ cần sửa.', ...lines].join('\n'),
  fwUnitFrameworks: (
    code: string,
    base: string,
    segments: ReadonlyArray<{ from: string; ids: readonly string[] }>,
  ) =>
    [
      `Bộ tiêu chí của đơn vị ${code}:`,
      `- ${segments.length > 0 ? 'trước các kỳ dưới đây' : 'mọi kỳ'}: ${base}`,
      ...segments.map((c) => `- từ ${periodLabel(c.from)}: ${c.ids.join(', ')}`),
    ].join('\n'),
  fwCannotRemoveBase: (code: string, id: string) =>
    `${id} là bộ ban đầu của đơn vị ${code}, không bỏ được; thôi bộ này từ một kỳ: --remove ${id} --from <kỳ>.`,
  fwNotOnUnit: (code: string, id: string) => `Đơn vị ${code} không có lần thêm hay thôi bộ ${id}.`,
  fwNotOnUnitAt: (code: string, id: string, from: string) =>
    `Từ ${periodLabel(from)} đơn vị ${code} không báo cáo theo bộ ${id}: không có gì để thôi.`,
  fwBadYearDue: () => 'ghi ngày/tháng, ví dụ 15/12',
  fwAlreadyOnUnit: (code: string, id: string, from: string) =>
    `Không đổi: ở ${periodLabel(from)} đơn vị ${code} đã được giao bộ ${id} (xem: cds-bot units frameworks --code ${code}).`,
  fwNoneLeft: (code: string, from: string) =>
    `Không đổi: từ ${periodLabel(from)} đơn vị ${code} không còn bộ tiêu chí nào. Thêm bộ mới trước (--add <id> --from <kỳ>) rồi mới thôi bộ cũ.`,
  fwChangeHidesAnswers: (code: string, periods: readonly string[]) =>
    `Không đổi: đơn vị ${code} đã có câu trả lời của ${periods.join(', ')} theo bộ đang dùng cho kỳ đó; câu trả lời đã ghi không chuyển sang bộ khác. Chọn kỳ bắt đầu sau các kỳ này.`,
  fwDefaultSource: (file: string, date: string) => `Bảng "${file}" do tỉnh cung cấp, nhập ngày ${date}`,
};
