import { describe, expect, it } from 'vitest';
import { loadCatalogDir } from '../../src/catalogs.js';
import { frameworkSchema } from '../../src/domain/catalog/schema.js';
import { readFrameworkTable, type TableMeta } from '../../src/domain/catalog/table.js';
import { buildFrameworkXlsx, readTableFile } from '../../src/reports/framework-table.js';

const bundled = [...loadCatalogDir().values()];

describe('frameworks export → import gives the framework back', () => {
  it.each(bundled.map((fw) => [fw.id, fw] as const))('%s', async (_id, fw) => {
    const bytes = await buildFrameworkXlsx(fw);
    const file = await readTableFile(bytes, 'xlsx');
    const reading = readFrameworkTable(file.grid, file.info as TableMeta);
    expect(reading.findings.filter((f) => f.stop)).toEqual([]);
    expect(reading.framework).toBeDefined();
    const parsed = frameworkSchema.parse(reading.framework);
    // An imported table is a draft until it is published; everything else is what was exported.
    expect(parsed).toEqual({ ...JSON.parse(JSON.stringify(fw)), status: 'draft' });
  });
});

describe('a 2026 framework with everything the table can say goes through it unchanged', () => {
  it('points, scoring rules, levels, targets per group and per year, upper bounds, measures, calendar and its own yearly due day', async () => {
    const fw = frameworkSchema.parse({
      id: 'chi-so-2026',
      name: 'Bộ chỉ số chuyển đổi số cấp xã năm 2026',
      level: 'xa',
      province: 'Hà Nội',
      version: '1',
      decision: 'QĐ 5279/QĐ-UBND ngày 23/10/2025',
      source: 'bảng của thành phố',
      complete: true,
      calendar: 'year',
      yearDue: '15/12',
      levels: [
        { name: 'Mức 1', from: 0 },
        { name: 'Mức 2', from: 50.5 },
      ],
      groups: [
        {
          code: 'I',
          name: 'Hạ tầng số',
          criteria: [
            {
              code: '1.1',
              text: 'Tốc độ Internet',
              kind: 'count',
              unit: 'Mb/s',
              target: { op: '>=', value: 36, text: '36 Mb/s' },
              points: 10,
              scoring: 'proportional',
            },
            {
              code: '1.2',
              text: 'Thuê bao di động/100 dân',
              kind: 'count',
              unit: 'thuê bao/100 dân',
              target: { op: '>=', value: 22, text: '22/100 dân' },
              points: 5,
              scoring: {
                tiers: [
                  { from: 10, points: 2 },
                  { from: 22, points: 5 },
                ],
              },
            },
            {
              code: '1.3',
              text: 'Tỷ lệ hộ nghèo',
              kind: 'percent',
              target: { op: '<', value: 5, text: 'dưới 5%' },
              points: 5,
              byYear: { '2027': { op: '<', value: 4, text: 'dưới 4%' } },
            },
            {
              code: '1.4',
              text: 'Tỷ lệ hồ sơ trực tuyến',
              kind: 'percent',
              target: {
                op: 'self',
                text: '',
                assumed:
                  'Chỉ tiêu theo nhóm xã; đơn vị chưa được xếp nhóm thì chưa đánh giá theo ngưỡng, cán bộ xã tự đánh giá.',
              },
              byGroup: {
                '1': { op: '>=', value: 80, text: '≥ 80%' },
                '3': { op: '>=', value: 50, text: '≥ 50%' },
              },
            },
            {
              code: '1.5',
              text: 'Nền tảng số của xã',
              kind: 'composite',
              target: { op: 'all', text: '' },
              points: 6,
              scoring: 'proportional',
              parts: [
                { code: 'a', text: 'Trang thông tin', kind: 'yesno', target: { op: 'yes', text: 'Có' } },
                {
                  code: 'b',
                  text: 'Số vụ mất an toàn thông tin',
                  kind: 'count',
                  unit: 'vụ',
                  target: { op: '<=', value: 2, text: 'không quá 2 vụ' },
                  byYear: { '2027': { op: '<=', value: 1, text: 'không quá 1 vụ' } },
                },
              ],
            },
          ],
        },
      ],
    });
    const file = await readTableFile(await buildFrameworkXlsx(fw as never), 'xlsx');
    const reading = readFrameworkTable(file.grid, file.info as TableMeta);
    expect(reading.findings.filter((f) => f.stop)).toEqual([]);
    expect(frameworkSchema.parse(reading.framework)).toEqual({ ...fw, status: 'draft' });
  });
});
