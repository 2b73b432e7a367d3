/** A province's own list of units, as its officers' spreadsheets come: a title above the header, codes typed as numbers. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importUnits } from '../../src/app/official-units.js';
import { officialList } from '../../src/dvhc.js';
import { readUnitsSheet, UnitsSheetError } from '../../src/reports/units-sheet.js';
import { testApp } from '../helpers.js';

async function sheet(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("a province's own list of units", () => {
  it('reads the rows under the header, wherever it is, with the optional columns', async () => {
    const bytes = await sheet([
      ['DANH SÁCH CÁC XÃ, PHƯỜNG THỰC HIỆN BÁO CÁO'],
      [],
      ['STT', 'Mã ĐVHC', 'Tên đơn vị', 'Nhóm', 'Khu vực', 'Bộ tiêu chí'],
      [1, 4, 'Phường Ba Đình', 'NTM', '', ''],
      [2, '00008', ' Phường  Ngọc Hà ', '', 'Cụm 1', 'ntm-tieu-chi-8'],
      [],
    ]);
    expect(await readUnitsSheet(bytes, 'xlsx')).toEqual([
      { row: 4, code: '4', name: 'Phường Ba Đình', group: 'NTM' },
      { row: 5, code: '00008', name: 'Phường Ngọc Hà', area: 'Cụm 1', framework: 'ntm-tieu-chi-8' },
    ]);
    await expect(readUnitsSheet(await sheet([['Tên'], ['Xã A']]), 'xlsx')).rejects.toBeInstanceOf(
      UnitsSheetError,
    );
  });

  it('gives a code typed as a number back its leading zeros when the official list has it', async () => {
    const app = await testApp();
    const bytes = await sheet([
      ['Mã', 'Tên'],
      [4, 'Phường Ba Đình'],
    ]);
    const rows = await readUnitsSheet(bytes, 'xlsx');
    const hanoi = officialList().readProvince('Hà Nội');
    if (!hanoi.ok) throw new Error('Hà Nội');
    const r = await importUnits(
      app.db,
      officialList(),
      { province: hanoi.province, frameworkId: 'thanh-hoa-xa-2023', rows },
      app.clock(),
    );
    expect(r.added.map((u) => [u.code, u.name, u.province])).toEqual([
      ['00004', 'Phường Ba Đình', 'Thành phố Hà Nội'],
    ]);
    expect(r.notInList).toEqual([]);
    await app.close();
  });
});
