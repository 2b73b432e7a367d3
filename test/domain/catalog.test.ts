import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_CATALOG_DIR, loadCatalogDir } from '../../src/catalogs.js';
import { CatalogError, listQuestions, parseFrameworkFile } from '../../src/domain/catalog/load.js';

const frameworks = loadCatalogDir();
const count = (id: string) => frameworks.get(id)?.groups.map((g) => g.criteria.length);

describe('reading a catalog folder again', () => {
  it('gives the same frameworks for the same files, and reads an edited file anew', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cds-catalog-'));
    try {
      const file = join(dir, 'ntm-tieu-chi-8.yaml');
      copyFileSync(join(BUNDLED_CATALOG_DIR, 'ntm-tieu-chi-8.yaml'), file);
      const first = loadCatalogDir(dir).get('ntm-tieu-chi-8');
      expect(loadCatalogDir(dir).get('ntm-tieu-chi-8')).toBe(first);
      const text = readFileSync(file, 'utf8');
      const name = first?.name ?? '';
      writeFileSync(file, text.replace(name, `${name} (sửa đổi)`));
      expect(loadCatalogDir(dir).get('ntm-tieu-chi-8')?.name).toBe(`${name} (sửa đổi)`);
      writeFileSync(file, text.replace(/^id: .*$/m, 'id: [khong hop le'));
      expect(() => loadCatalogDir(dir)).toThrow(CatalogError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bundled catalogs', () => {
  it('bundles the six frameworks', () => {
    expect([...frameworks.keys()].sort()).toEqual([
      'ntm-nang-cao-tttt',
      'ntm-tieu-chi-8',
      'quang-ngai-nam-du-lieu-so-2023',
      'thanh-hoa-huyen-2022',
      'thanh-hoa-xa-2022',
      'thanh-hoa-xa-2023',
    ]);
  });

  it('has Phụ lục 2 of seed 004: 33 commune criteria in 4 groups of 14, 6, 5 and 8', () => {
    expect(count('thanh-hoa-xa-2022')).toEqual([14, 6, 5, 8]);
    expect(frameworks.get('thanh-hoa-xa-2022')?.groups.map((g) => g.name)).toEqual([
      'Chính quyền số',
      'Kinh tế số',
      'Xã hội số',
      'Hạ tầng nền tảng số',
    ]);
  });

  it('has Phụ lục 1 of seed 004: 14 district criteria (1 + 7 + 3 + 3)', () => {
    expect(count('thanh-hoa-huyen-2022')).toEqual([1, 7, 3, 3]);
  });

  it('marks QĐ 1829 as incomplete with the items known from seed 002', () => {
    const fw = frameworks.get('thanh-hoa-xa-2023');
    expect(fw?.complete).toBe(false);
    expect(fw?.expectedCriteria).toBe(37);
    expect(listQuestions(fw!).map((q) => [q.key, q.target.value])).toEqual([
      ['2.5', 50],
      ['3.3', 55],
      ['3.6', 10],
      ['3.12', 60],
    ]);
  });

  it('keeps "1.10" apart from "1.1" and the NTM sub-points a–đ as separate questions', () => {
    const keys = listQuestions(frameworks.get('thanh-hoa-xa-2022')!).map((q) => q.key);
    expect(keys).toContain('1.1');
    expect(keys).toContain('1.10');
    expect(keys.indexOf('1.10')).toBe(keys.indexOf('1.9') + 1);
    const ntm = listQuestions(frameworks.get('ntm-nang-cao-tttt')!).map((q) => q.key);
    expect(ntm).toEqual(expect.arrayContaining(['8.4a', '8.4b', '8.4c', '8.4d', '8.4đ']));
  });

  it('takes the telehealth target ≥ 30% from QĐ 17/QĐ-UBQGCĐS', () => {
    const q = listQuestions(frameworks.get('quang-ngai-nam-du-lieu-so-2023')!).find((x) =>
      /từ xa/.test(x.text),
    );
    expect(q?.target).toMatchObject({ op: '>=', value: 30 });
  });

  it('says how every criterion without a source target is judged', () => {
    for (const fw of frameworks.values()) {
      for (const q of listQuestions(fw)) {
        if (q.target.text.trim() === '') expect(q.target.assumed, `${fw.id} ${q.key}`).toBeTruthy();
      }
    }
  });
});

describe('a bad catalog file', () => {
  const good = `
id: bad-file
name: Thử
level: xa
version: "1"
source: test
complete: true
groups:
  - code: "1"
    name: Nhóm
    criteria:
      - code: "1.1"
        text: Tỷ lệ
        kind: percent
        target: { op: ">=", value: 100, text: "100%" }
      - code: "1.2"
        text: Có kênh
        kind: yesno
        target: { op: "yes", text: "Có" }
`;

  it('loads when valid', () => {
    expect(parseFrameworkFile('bad-file.yaml', good).groups[0]?.criteria).toHaveLength(2);
  });

  it('names the file, the criterion and the field', () => {
    const broken = good.replace(
      '{ op: ">=", value: 100, text: "100%" }',
      '{ op: ">=", value: "lots", text: "100%" }',
    );
    expect(() => parseFrameworkFile('bad-file.yaml', broken)).toThrow(CatalogError);
    expect(() => parseFrameworkFile('bad-file.yaml', broken)).toThrow(
      /bad-file\.yaml: .*criterion 1\.1, field target\.value/,
    );
  });

  it('refuses a target that does not fit the answer kind', () => {
    const broken = good.replace('{ op: "yes", text: "Có" }', '{ op: ">=", value: 3, text: "3" }');
    expect(() => parseFrameworkFile('bad-file.yaml', broken)).toThrow(/criterion 1\.2, field target\.op/);
  });

  it('refuses a criterion without a target and without saying how it is judged', () => {
    const broken = good.replace('{ op: "yes", text: "Có" }', '{ op: "yes", text: "" }');
    expect(() => parseFrameworkFile('bad-file.yaml', broken)).toThrow(
      /criterion 1\.2, field target\.assumed/,
    );
  });

  it('refuses a repeated code and a numeric code', () => {
    expect(() => parseFrameworkFile('bad-file.yaml', good.replace('code: "1.2"', 'code: "1.1"'))).toThrow(
      /used twice/,
    );
    expect(() => parseFrameworkFile('bad-file.yaml', good.replace('code: "1.2"', 'code: 1.2'))).toThrow(
      /criterion #2, field code/,
    );
  });

  it('refuses invalid YAML and a file name that does not match the id', () => {
    expect(() => parseFrameworkFile('bad-file.yaml', 'id: [')).toThrow(/bad-file\.yaml: not valid YAML/);
    expect(() => parseFrameworkFile('other.yaml', good)).toThrow(/does not match the file name/);
  });
});
