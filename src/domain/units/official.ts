import type { ProvinceReading } from './provinces.js';

/**
 * The official administrative units from 1/7/2025 (dvhc/ at the project's root, read by
 * src/dvhc.ts): the 34 provinces, the 3,321 communes and the mapping of the 10,047 old communes.
 */

/** One of the 34 provinces and centrally-run cities, by its official code and name. */
export interface Province {
  /** Two digits: "38". */
  code: string;
  /** As the official list writes it: "Thanh Hóa", "Thành phố Hà Nội". */
  name: string;
}

/** A commune-level unit (xã, phường, đặc khu) of the official list. */
export interface Commune {
  provinceCode: string;
  /** Five digits: "14950". */
  code: string;
  /** With its kind: "Xã Điền Lư". */
  name: string;
}

/** Whether an old commune went entirely into a new one, or only part of it (it was split). */
export type Share = 'whole' | 'part';

/** One row of the 2025 arrangement: an old commune (or part of it) that went into a new one. */
export interface MergerRow {
  oldProvinceCode: string;
  /** The old province as the resolutions name it: "Tỉnh Thanh Hóa". */
  oldProvince: string;
  oldCode: string;
  oldName: string;
  newCode: string;
  newName: string;
  newProvinceCode: string;
  share: Share;
}

/** A province of before 1/7/2025 that no longer exists under its name, and where its communes went. */
export interface FormerProvince {
  name: string;
  /** The provinces its communes now belong to, the one with most of them first. */
  now: readonly Province[];
}

/** The official list and its indexes (src/dvhc.ts reads it from dvhc/). */
export interface OfficialList {
  readonly provinces: readonly Province[];
  province(code: string): Province | undefined;
  /** A province's code or name in any spelling, read as one of the 34 (or refused with the closest). */
  readProvince(raw: string): ProvinceReading;
  /** The communes of a province, in the list's order. */
  communesOf(provinceCode: string): readonly Commune[];
  commune(code: string): Commune | undefined;
  /** The old communes (or parts) that went into a new one. */
  predecessorsOf(newCode: string): readonly MergerRow[];
  /** The new communes an old one went into. */
  successorsOf(oldCode: string): readonly MergerRow[];
  readonly formerProvinces: readonly FormerProvince[];
}

/** The day the two-level local government and the 2025 arrangement of communes took effect. */
export const REFORM_DAY = '2025-07-01';
