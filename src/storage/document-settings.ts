import type { Db } from './db.js';

/** A unit's settings for its documents (`units set`); every field optional. */
export interface UnitDocumentSettings {
  signerMode?: 'TM' | 'KT';
  signerTitle?: string;
  signerName?: string;
  placeName?: string;
  district?: string;
}

/** A province's settings for its units' documents (`provinces set`). */
export interface ProvinceDocumentSettings {
  recipients?: string[];
  basis?: string[];
}

/** A change: a field given as a string (or list) is set, as null or "" (or []) cleared, missing kept. */
export type Patch<T> = { [K in keyof T]?: T[K] | null };

const text = (v: string | null | undefined) =>
  v === null || v === undefined || v.trim() === '' ? null : v.trim();
const list = (v: string[] | null | undefined) => {
  const items = (v ?? []).map((s) => s.trim()).filter((s) => s !== '');
  return items.length > 0 ? items.join('\n') : null;
};
const items = (v: string | null) => (v ? v.split('\n').filter((s) => s.trim() !== '') : undefined);

export async function getUnitDocumentSettings(db: Db, unitId: number): Promise<UnitDocumentSettings> {
  const row = await db
    .selectFrom('unit_document_settings')
    .selectAll()
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  if (!row) return {};
  const mode = row.signer_mode === 'TM' || row.signer_mode === 'KT' ? row.signer_mode : undefined;
  return {
    ...(mode ? { signerMode: mode } : {}),
    ...(row.signer_title ? { signerTitle: row.signer_title } : {}),
    ...(row.signer_name ? { signerName: row.signer_name } : {}),
    ...(row.place_name ? { placeName: row.place_name } : {}),
    ...(row.district ? { district: row.district } : {}),
  };
}

/** Changes a unit's document settings (see `Patch`); returns them as they now are. */
export async function setUnitDocumentSettings(
  db: Db,
  unitId: number,
  patch: Patch<UnitDocumentSettings>,
  now: Date,
): Promise<UnitDocumentSettings> {
  const current = await getUnitDocumentSettings(db, unitId);
  const pick = <K extends keyof UnitDocumentSettings>(k: K) =>
    k in patch ? text(patch[k] ?? null) : text(current[k] ?? null);
  const values = {
    signer_mode: pick('signerMode'),
    signer_title: pick('signerTitle'),
    signer_name: pick('signerName'),
    place_name: pick('placeName'),
    district: pick('district'),
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('unit_document_settings')
    .values({ unit_id: unitId, ...values })
    .onConflict((oc) => oc.column('unit_id').doUpdateSet(values))
    .execute();
  return getUnitDocumentSettings(db, unitId);
}

export async function getProvinceDocumentSettings(
  db: Db,
  province: string,
): Promise<ProvinceDocumentSettings> {
  const row = await db
    .selectFrom('province_document_settings')
    .selectAll()
    .where('province', '=', province)
    .executeTakeFirst();
  if (!row) return {};
  const recipients = items(row.recipients);
  const basis = items(row.basis);
  return { ...(recipients ? { recipients } : {}), ...(basis ? { basis } : {}) };
}

/** Changes a province's document settings (see `Patch`); returns them as they now are. */
export async function setProvinceDocumentSettings(
  db: Db,
  province: string,
  patch: Patch<ProvinceDocumentSettings>,
  now: Date,
): Promise<ProvinceDocumentSettings> {
  const current = await getProvinceDocumentSettings(db, province);
  const values = {
    recipients: list('recipients' in patch ? patch.recipients : current.recipients),
    basis: list('basis' in patch ? patch.basis : current.basis),
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('province_document_settings')
    .values({ province, ...values })
    .onConflict((oc) => oc.column('province').doUpdateSet(values))
    .execute();
  return getProvinceDocumentSettings(db, province);
}
