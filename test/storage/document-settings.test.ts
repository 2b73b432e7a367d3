import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  getProvinceDocumentSettings,
  getUnitDocumentSettings,
  setProvinceDocumentSettings,
  setUnitDocumentSettings,
} from '../../src/storage/document-settings.js';
import { addUnit } from '../../src/storage/units.js';
import { storageBackends } from './backends.js';

const now = new Date('2026-11-22T02:00:00Z');
const unit = { code: 'AT', name: 'Xã Ái Thượng', province: 'Thanh Hóa', frameworkId: 'thanh-hoa-xa-2023' };

describe.each(storageBackends())('document settings on $name (migration 0007)', (backend) => {
  beforeAll(() => backend.start());
  afterEach(() => backend.cleanup());
  afterAll(() => backend.close());

  it("keeps a unit's signer, place and district; a later change keeps what it does not name", async () => {
    const db = await backend.open();
    const u = await addUnit(db, unit, now);
    expect(await getUnitDocumentSettings(db, u.id)).toEqual({});
    await setUnitDocumentSettings(
      db,
      u.id,
      { signerMode: 'KT', signerTitle: 'Phó Chủ tịch', signerName: 'Trương Thanh Tuyến' },
      now,
    );
    const after = await setUnitDocumentSettings(
      db,
      u.id,
      { district: 'Bá Thước', placeName: 'Ái Thượng' },
      now,
    );
    expect(after).toEqual({
      signerMode: 'KT',
      signerTitle: 'Phó Chủ tịch',
      signerName: 'Trương Thanh Tuyến',
      placeName: 'Ái Thượng',
      district: 'Bá Thước',
    });
    // null (or "") clears a field.
    expect(await setUnitDocumentSettings(db, u.id, { signerName: null, district: '' }, now)).toEqual({
      signerMode: 'KT',
      signerTitle: 'Phó Chủ tịch',
      placeName: 'Ái Thượng',
    });
  });

  it("keeps a province's recipients and căn cứ as lists, one item a line", async () => {
    const db = await backend.open();
    expect(await getProvinceDocumentSettings(db, 'Thanh Hóa')).toEqual({});
    await setProvinceDocumentSettings(
      db,
      'Thanh Hóa',
      { recipients: ['Sở Khoa học và Công nghệ tỉnh Thanh Hóa', ' Ủy ban nhân dân tỉnh Thanh Hóa '] },
      now,
    );
    const both = await setProvinceDocumentSettings(
      db,
      'Thanh Hóa',
      { basis: ['Kế hoạch số 275/KH-UBND'] },
      now,
    );
    expect(both).toEqual({
      recipients: ['Sở Khoa học và Công nghệ tỉnh Thanh Hóa', 'Ủy ban nhân dân tỉnh Thanh Hóa'],
      basis: ['Kế hoạch số 275/KH-UBND'],
    });
    expect(await setProvinceDocumentSettings(db, 'Thanh Hóa', { recipients: [] }, now)).toEqual({
      basis: ['Kế hoạch số 275/KH-UBND'],
    });
    expect(await getProvinceDocumentSettings(db, 'Quảng Ngãi')).toEqual({});
  });
});
