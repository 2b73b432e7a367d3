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
