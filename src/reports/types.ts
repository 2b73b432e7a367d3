/**
 * What the official documents show, already computed and worded (src/reports/data.ts): the
 * builders only lay it out, to Nghị định 30/2020/NĐ-CP (Phụ lục I) and the shape of the seeds.
 */

/** The heading block of a letter: tên cơ quan and số on the left, quốc hiệu and date on the right. */
export interface Letterhead {
  /** ["ỦY BAN NHÂN DÂN", "XÃ ÁI THƯỢNG"]: the issuing agency, one line each. */
  agency: string[];
  /** "Số:        /BC-UBND": the number is left for the văn thư to fill in when it registers the document. */
  number: string;
  /** "Ái Thượng, ngày      tháng 11 năm 2026": the day is left for the day it is signed. */
  placeAndDate: string;
}

/** Who signs: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" or "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", with room to sign. */
export interface SigningBlock {
  /** "TM. ỦY BAN NHÂN DÂN" or "KT. CHỦ TỊCH" */
  authority: string;
  /** The signer's office: "CHỦ TỊCH", "PHÓ CHỦ TỊCH" */
  title: string;
  /** "Trương Thanh Tuyến", or "" when the unit has not set it (written by hand). */
  name: string;
}

/**
 * Layout of Phụ lục 2 of seed 004 (TT · Nội dung tiêu chí đánh giá · Chỉ tiêu giao · Kết quả ·
 * Khó khăn; đề xuất) plus the computed verdict, a header row per group with its subtotal, the
 * footer "Tổng tiêu chí: N; Tiêu chí đạt: M/N; Còn lại: K" and the signing block.
 */
export interface AppendixData {
  /** Metadata title of the file. */
  title: string;
  /** "I": "Phụ lục I". */
  number: string;
  /** "KẾT QUẢ THỰC HIỆN TIÊU CHÍ CHUYỂN ĐỔI SỐ CẤP XÃ 9 THÁNG ĐẦU NĂM 2022" */
  heading: string;
  /** "(Kèm theo Báo cáo số      /BC-UBND ngày      tháng 11 năm 2026 của Ủy ban nhân dân xã Ái Thượng)" */
  attachedTo: string;
  /** "Bộ tiêu chí: …": which criteria these are. */
  basisLine: string;
  unit: { code: string; name: string; province: string };
  /** The period key, e.g. "2022-Q3" (also written to the workbook so an import can check it). */
  period: string;
  /** "9 tháng đầu năm 2022": the period as the report names it. */
  periodName: string;
  framework: { id: string; name: string; decision: string | null };
  headings: {
    code: string;
    text: string;
    target: string;
    result: string;
    status: string;
    difficulty: string;
  };
  groups: AppendixGroup[];
  /** `score`: "Điểm: 62,5/100 · Mức 2", in a scored framework. */
  footer: { total: number; met: number; applicable: number; remaining: number; score?: string };
  /** "Ái Thượng, ngày      tháng 11 năm 2026" */
  placeAndDate: string;
  signer: SigningBlock;
  /** "DỰ THẢO — còn 1 tiêu chí chưa trả lời" on every page while questions are unanswered. */
  draft?: string;
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
  /** "100%", "Đạt"; "" where the source sets no target. */
  target: string;
  /** "66,95% (25.031/37.389 hồ sơ)", "Có", "" when unanswered */
  result: string;
  /** "Đạt", "Chưa đạt", "Đang thực hiện", "Chưa rõ", "Không áp dụng", "Chưa trả lời" */
  status: string;
  /** The officer's khó khăn, then "Đề xuất: …" on a line of its own; or "" */
  difficulty: string;
  /** A sub-point row (a, b, c, d, đ) under its composite criterion. */
  isPart?: boolean;
  /** "8/20 điểm", in a scored framework; printed under the status. */
  points?: string;
}

/** One criterion of the difficulties report: a) yêu cầu, b) kết quả thực hiện, c) đề xuất. */
export interface DifficultyItem {
  code: string;
  text: string;
  /** "50%", or "không quy định". */
  requirement: string;
  /** "0/4 doanh nghiệp, tỷ lệ 0% (chưa đạt); cần thêm 2 … để đạt 50%. <khó khăn>" */
  result: string;
  /** Lines under b) for a composite criterion: one per sub-point. */
  resultLines?: string[];
  /** The officer's đề xuất as written; "" when none. */
  proposal: string;
}

/**
 * The difficulties report in the shape of seed 002: letterhead, BÁO CÁO and its trích yếu,
 * Kính gửi, the opening căn cứ, one section per group with a) b) c) per criterion, "ĐỀ XUẤT, KIẾN
 * NGHỊ", the closing, Nơi nhận and the signing block.
 */
export interface DifficultiesData {
  letterhead: Letterhead;
  /** "BÁO CÁO" */
  kind: string;
  /** "Những khó khăn, vướng mắc và đề xuất, kiến nghị trong công tác thực hiện chuyển đổi số …" */
  summary: string;
  /** One line each, without "Kính gửi" and without the dash and stop. */
  recipients: string[];
  intro: string;
  groups: Array<{
    /** "I. NHÓM TIÊU CHÍ SỐ 2: KINH TẾ SỐ" */
    heading: string;
    items: DifficultyItem[];
  }>;
  proposals: {
    /** "III. ĐỀ XUẤT, KIẾN NGHỊ" */
    heading: string;
    intro: string;
    /** "1. Đề nghị …": the submission's general proposals, numbered. */
    items: string[];
  };
  closing: string;
  /** "Như trên;", "Lưu: VT." */
  copyTo: string[];
  signer: SigningBlock;
  draft?: string;
}

/** The province's matrix of one framework: units × criteria with a status in every cell. */
export interface MatrixData {
  /** "TỔNG HỢP KẾT QUẢ THỰC HIỆN TIÊU CHÍ CHUYỂN ĐỔI SỐ CẤP XÃ" */
  title: string;
  /** The framework's name (and decision): the line under the title. */
  subtitle: string;
  framework: { id: string; name: string };
  /** The period key. */
  period: string;
  /** "9 tháng đầu năm 2022" */
  periodName: string;
  groups: Array<{
    code: string;
    name: string;
    /** `short`: the text cut for the heading row; `target`: the source's target, "" when none. */
    criteria: Array<{ code: string; text: string; short: string; target: string }>;
  }>;
  /** Every criterion in group order: the columns of the matrix. */
  criteria: Array<{ code: string; text: string }>;
  units: Array<{
    code: string;
    name: string;
    submitted: string;
    /** Status code per criterion, same order as `criteria`. */
    statuses: string[];
    met: number;
    applicable: number;
    /** In a scored framework: "47,5/100 · Mức 1". */
    score?: string;
  }>;
  /** Whether the framework gives points (the matrix then has a column "Điểm"). */
  scored?: boolean;
}

/** One row read back from an officer's spreadsheet in the export's layout. */
export interface SheetRow {
  /** 1-based row number in the sheet, for the refusal report. */
  row: number;
  code: string;
  result: string;
  difficulty: string;
  /** A line "Đề xuất: …" of the khó khăn column, apart from the khó khăn. */
  proposal?: string;
}
