/**
 * A framework as a table, the way provinces keep their criteria: a header row naming the columns
 * in Vietnamese, group rows ("I. Hạ tầng số", "Nhóm 2: Kinh tế số"), criterion rows and sub-point
 * rows (a), b), …). `readFrameworkTable` reads such a table into a framework and lists every cell
 * it read with an assumption or could not read; `frameworkToTable` writes a framework back, so
 * reading what it writes gives the framework again. Pure: the XLSX/CSV bytes are read in
 * src/reports/framework-table.ts.
 */

export type { Cell, ColumnKey, Grid } from './table/columns.js';
export { COLUMN_HEADERS, columnOf, romanValue, yearOfHeader } from './table/columns.js';
export type { Finding, FindingReason, TableMeta, TableReading } from './table/findings.js';
export { DEFAULT_ASSUMED } from './table/findings.js';
export { describe, readScoring, scoringCell } from './table/leaf.js';
export { readFrameworkTable } from './table/read.js';
export type { OutCell } from './table/write.js';
export {
  EXPORT_COLUMNS,
  frameworkToTable,
  infoRows,
  readCalendar,
  readInfoRows,
  readLevels,
  templateRows,
} from './table/write.js';
export { readYearTargets, withYearTargets } from './table/years.js';
