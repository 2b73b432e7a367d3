/** How a criterion is answered. */
export type AnswerKind = 'percent' | 'ratio' | 'count' | 'yesno' | 'text' | 'composite';

/**
 * How a criterion is judged.
 * - `>=`, `>`, `=`: a number compared with `value` ("tối thiểu"/"đạt" is `>=`, "trên" is `>`).
 * - `<`, `<=`: an upper bound ("dưới 5%", "giảm xuống dưới 5%" is `<`; "không quá", "tối đa" is `<=`).
 * - `yes`: met when the answer is Có/Đạt.
 * - `provided`: met when a text or evidence is given.
 * - `self`: no threshold is known; the officer's own "đạt"/"chưa đạt" decides.
 * - `all`: a composite, met when every applicable sub-point is met.
 */
export type TargetOp = '>=' | '>' | '=' | '<' | '<=' | 'yes' | 'provided' | 'self' | 'all';

/** The ops that compare a number with a threshold. */
export const NUMERIC_OPS: readonly TargetOp[] = ['>=', '>', '=', '<', '<='];

/** Whether an op compares a number with `value`. */
export function isNumericOp(op: TargetOp): op is '>=' | '>' | '=' | '<' | '<=' {
  return NUMERIC_OPS.includes(op);
}

/** Whether an op is an upper bound: the result must stay below the threshold. */
export function isUpperBound(op: TargetOp): op is '<' | '<=' {
  return op === '<' || op === '<=';
}

/**
 * Whether a count's unit is a rate or a measure ("Mb/s", "thuê bao/100 dân", "tài khoản/người"):
 * its results may have decimals, unlike a count of things.
 */
export function isMeasureUnit(unit: string | undefined): boolean {
  return unit?.includes('/') === true;
}

/** The target of a criterion as the source gives it, or as the data explains it is judged. */
export interface Target {
  op: TargetOp;
  /**
   * The threshold for numeric ops: a percentage for percent/ratio, a number of `unit` for counts
   * (things counted, or a measure such as "Mb/s" or "thuê bao/100 dân", see `isMeasureUnit`).
   */
  value?: number;
  /** The target as written in the source ("100%", "Có", "Đạt"); empty when the source gives none. */
  text: string;
  /** Present when the source states no target: how this criterion is judged and why. */
  assumed?: string;
}

/** A sub-point (a, b, c, d, đ) of a composite criterion. */
export interface SubPoint {
  /** The letter: a, b, c, d, đ, e. */
  code: string;
  text: string;
  kind: Exclude<AnswerKind, 'composite'>;
  target: Target;
  /** For ratio/count: what is counted ("thôn", "hồ sơ", "sản phẩm"). */
  unit?: string;
  /** For ratio: the numerator described for shortfall sentences ("doanh nghiệp sử dụng hợp đồng điện tử"). */
  numeratorLabel?: string;
  note?: string;
  /** When the sub-point does not apply to a commune ("xã không có sản phẩm OCOP"). */
  notApplicableWhen?: string;
  /** What proves the result (minh chứng) as the sources list it. */
  evidence?: string[];
  /** Targets that differ per NTM commune group (QĐ 51/2025/QĐ-TTg); see `byGroup` of Criterion. */
  byGroup?: GroupTargets;
  /** Targets assigned for one year ("giao hằng năm"), by year ("2027"); see `byYear` of Criterion. */
  byYear?: YearTargets;
}

/**
 * The targets of criteria "giao hằng năm", by year ("2027"): a period of that year is judged on
 * it, in place of `target` (and of the group's target). `frameworks targets` adds a year.
 */
export type YearTargets = Record<string, Target>;

/**
 * A target per NTM commune group ("1", "2", "3"): the unit's group picks it, in place of `target`.
 * A unit without a group is not judged at such a criterion on a guess (see `forGroup`).
 */
export type GroupTargets = Partial<Record<'1' | '2' | '3', Target>>;

/** One criterion of a framework; `code` is a string and unique only inside its framework ("1.10" ≠ "1.1"). */
export interface Criterion {
  code: string;
  text: string;
  kind: AnswerKind;
  target: Target;
  unit?: string;
  numeratorLabel?: string;
  /** Where this criterion and its target come from (decision number or seed). */
  source?: string;
  /** Other labels the source uses for this criterion (e.g. report-section numbers). */
  aliases?: string[];
  note?: string;
  /** When the criterion does not apply to a commune ("trên địa bàn không có làng nghề"). */
  notApplicableWhen?: string;
  /** What proves the result (minh chứng) as the sources list it. */
  evidence?: string[];
  /** Targets per NTM commune group, in place of `target` for a unit of that group. */
  byGroup?: GroupTargets;
  /** Targets by year, in place of `target` for a period of that year. */
  byYear?: YearTargets;
  parts?: SubPoint[];
  /** The most points the criterion gives, in a scored framework (DTI-style indices). */
  points?: number;
  /** How its points are given; all-or-nothing when absent. */
  scoring?: Scoring;
}

/**
 * How a scored criterion's points are given:
 * - `all`: all its points when đạt, none otherwise (the default);
 * - `proportional` ("tỷ lệ"): points × result ÷ target, capped at the maximum (all-or-nothing for
 *   a criterion without a numeric target, or whose target is an upper bound; a composite gets its
 *   share of applicable sub-points đạt);
 * - `tiers`: the points of the highest threshold the result reaches (thresholds in the unit of the
 *   target: % or the count's unit).
 */
export type Scoring = 'all' | 'proportional' | { tiers: Array<{ from: number; points: number }> };

/** A level (mức) of a scored framework: reached from `from` points on. */
export interface Level {
  name: string;
  from: number;
}

export interface CriteriaGroup {
  code: string;
  name: string;
  criteria: Criterion[];
}

/** A versioned criteria set (bộ tiêu chí) issued by a province or nationally. */
export interface Framework {
  id: string;
  name: string;
  /** Administrative level the set applies to. */
  level: 'xa' | 'huyen' | 'tinh';
  province?: string;
  version: string;
  /** The decision that issued the set, when known ("QĐ 1829/QĐ-UBND ngày 30/5/2023"). */
  decision?: string;
  /**
   * The decision as a document cites it the first time (Nghị định 30/2020/NĐ-CP, Phụ lục I, Mục
   * II.6b: tên loại, số, ký hiệu, ngày, cơ quan ban hành, trích yếu): the căn cứ of the reports.
   */
  basis?: string;
  /**
   * Whom the communes reported to before `date` (the 2025 reform), for the "Kính gửi" of documents
   * of periods that ended before it; "{huyện}" stands for the unit's former district.
   */
  recipientsBefore?: { date: string; recipients: string[] };
  /** Where the bundled transcription comes from. */
  source: string;
  /** False when only part of the set is known. */
  complete: boolean;
  /** Number of criteria the full set has, when known and different from what is bundled. */
  expectedCriteria?: number;
  notes?: string[];
  /**
   * `draft`: imported from a province's table and not yet published (`frameworks publish`): the
   * chat can walk it as a preview, no unit can be given it. Absent: published, never changed again.
   */
  status?: 'draft';
  /** Score bands, lowest first ("Mức 1" from 0, "Mức 2" from 50 …), in a scored framework. */
  levels?: Level[];
  /** How often units report on it; absent means quarterly. */
  calendar?: ReportingCalendar;
  /**
   * The day its yearly report is due ("15/12"), when it has one of its own (a yearly index);
   * absent: the province's yearly deadline (15/11 or the province's own day).
   */
  yearDue?: string;
  groups: CriteriaGroup[];
}

/** A framework's reporting calendar. */
export type ReportingCalendar = 'quarter' | 'half-year' | 'year';

/**
 * A question the officer answers: a criterion without parts, or one sub-point of a composite.
 * `key` is the criterion code, or the code followed by the sub-point letter ("2.4đ").
 */
export interface Question {
  key: string;
  criterion: Criterion;
  group: CriteriaGroup;
  part?: SubPoint;
  kind: Exclude<AnswerKind, 'composite'>;
  target: Target;
  text: string;
  unit?: string;
  numeratorLabel?: string;
  note?: string;
  notApplicableWhen?: string;
  evidence?: string[];
}
