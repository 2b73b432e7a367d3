/**
 * What the official documents show, already computed and worded: the builders only lay it out.
 * Layout: Phụ lục 2 of seed 004 (TT · Nội dung tiêu chí đánh giá · Chỉ tiêu giao · Kết quả ·
 * Khó khăn; đề xuất), a header row per group with its subtotal, and the footer
 * "Tổng tiêu chí: N; Tiêu chí đạt: M/N; Còn lại: K".
 */
export interface AppendixData {
  /** "UBND xã Ái Thượng" */
  issuer: string;
  /** "Phụ lục - Kết quả chuyển đổi số tại đơn vị cấp xã quý IV/2026" */
  title: string;
  unit: { code: string; name: string; province: string };
  /** "Quý IV/2026" */
  periodLabel: string;
  /** The period key, e.g. "2026-Q4" (also written to the workbook so an import can check it). */
  period: string;
  framework: { id: string; name: string; decision: string | null };
  /** "Kết quả quý IV/2026": the heading of the result column. */
  resultHeading: string;
  groups: AppendixGroup[];
  footer: { total: number; met: number; applicable: number; remaining: number };
  /** "Ngày 22/11/2026" (the date the document was made, dd/mm/yyyy). */
  madeOn: string;
}

export interface AppendixGroup {
  /** "1" */
  code: string;
  name: string;
  /** "10/14": met / applicable, computed. */
  subtotal: string;
  rows: AppendixRow[];
}

export interface AppendixRow {
  /** "1.4", or "8.3a" for a sub-point row. */
  code: string;
  text: string;
  /** "100%", "Có", "" */
  target: string;
  /** "66,95% (25.031/37.389 hồ sơ)", "Có", "" when unanswered */
  result: string;
  /** "đạt", "chưa đạt", "đang thực hiện", "chưa rõ", "không áp dụng", "chưa trả lời" */
  status: string;
  /** The officer's khó khăn; đề xuất, or "" */
  difficulty: string;
  /** A sub-point row (a, b, c, d, đ) under its composite criterion. */
  isPart?: boolean;
}

/** The difficulties report in the shape of seed 002: per unmet criterion a) yêu cầu b) kết quả c) đề nghị. */
export interface DifficultiesData {
  issuer: string;
  /** "Ái Thượng, ngày 22 tháng 11 năm 2026" */
  placeAndDate: string;
  title: string;
  /** "Kính gửi: Sở Khoa học và Công nghệ tỉnh Thanh Hóa." */
  recipient: string;
  intro: string;
  groups: Array<{
    /** "I. NHÓM TIÊU CHÍ SỐ 2: KINH TẾ SỐ" */
    heading: string;
    items: Array<{ code: string; text: string; requirement: string; result: string; proposal: string }>;
  }>;
  closing: string;
}

/** The province's matrix: units × criteria with a status in every cell. */
export interface MatrixData {
  title: string;
  period: string;
  criteria: Array<{ code: string; text: string }>;
  units: Array<{
    code: string;
    name: string;
    submitted: string;
    /** Status code per criterion, same order as `criteria`. */
    statuses: string[];
    met: number;
    applicable: number;
  }>;
}

/** One row read back from an officer's spreadsheet in the export's layout. */
export interface SheetRow {
  /** 1-based row number in the sheet, for the refusal report. */
  row: number;
  code: string;
  result: string;
  difficulty: string;
}
