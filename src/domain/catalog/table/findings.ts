/**
 * What reading a table finds: the cells read with an assumption, the reasons to stop, what the
 * reader is told besides the table.
 */
import type { TargetDoubt } from '../infer.js';
import type { Framework, Level, ReportingCalendar } from '../types.js';

/** Why the importer assumed something (listed, the draft is still written) or stopped (nothing written). */
export type FindingReason =
  | TargetDoubt
  | 'unknown_column'
  | 'code_renumbered'
  | 'parent_group'
  | 'code_missing'
  | 'merged_copied'
  | 'composite_target'
  | 'no_group'
  | 'group_count'
  | 'numbering_row'
  | 'year_column'
  | 'sub_point_points'
  | 'bad_points'
  | 'bad_scoring'
  | 'bad_group_target'
  | 'unknown_code'
  | 'bad_year_target'
  // The ones below stop the import.
  | 'no_header'
  | 'no_text_column'
  | 'duplicate_code'
  | 'orphan_sub_point'
  | 'single_sub_point'
  | 'empty_text'
  | 'bad_kind'
  | 'bad_op'
  | 'bad_value'
  | 'empty_group'
  | 'no_criteria';

export const STOPS: ReadonlySet<FindingReason> = new Set<FindingReason>([
  'over_100',
  'no_header',
  'no_text_column',
  'duplicate_code',
  'orphan_sub_point',
  'single_sub_point',
  'empty_text',
  'bad_kind',
  'bad_op',
  'bad_value',
  'bad_points',
  'bad_scoring',
  'bad_group_target',
  'unknown_code',
  'bad_year_target',
  'empty_group',
  'no_criteria',
]);

/** A cell read with an assumption, or the reason the import stopped. */
export interface Finding {
  /** The sheet's row (1-based); 0 for the table as a whole. */
  row: number;
  /** The column's letter ("C") and header, when one cell is meant. */
  column?: { letter: string; header: string };
  reason: FindingReason;
  stop: boolean;
  /** The cell as written. */
  cell?: string;
  /** What was read or assumed ("1.3", "tối thiểu 1"), or the other row of a duplicate. */
  detail?: string;
}

/** What the importer is told besides the table: the options of the command, the info sheet. */
export interface TableMeta {
  id: string;
  name: string;
  level: Framework['level'];
  version: string;
  source: string;
  province?: string;
  decision?: string;
  basis?: string;
  calendar?: ReportingCalendar;
  yearDue?: string;
  complete?: boolean;
  expectedCriteria?: number;
  notes?: string[];
  recipientsBefore?: Framework['recipientsBefore'];
  levels?: Level[];
}

export interface TableReading {
  /** The framework read, as a draft; absent when a finding stopped the import. */
  framework?: Framework;
  findings: Finding[];
}

/** The sentence of a criterion judged by the commune itself when the table gives no target. */
export const DEFAULT_ASSUMED = 'Bảng của tỉnh không ghi chỉ tiêu; cán bộ xã tự đánh giá đạt hoặc chưa đạt.';
export const GROUP_ONLY_ASSUMED =
  'Chỉ tiêu theo nhóm xã; đơn vị chưa được xếp nhóm thì chưa đánh giá theo ngưỡng, cán bộ xã tự đánh giá.';
export const UNREADABLE_ASSUMED = (cell: string) =>
  `Chưa đọc được chỉ tiêu "${cell}"; cán bộ xã tự đánh giá đạt hoặc chưa đạt.`;
