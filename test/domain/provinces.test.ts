/** Province names as people write them, read as one of the 34 official provinces (dvhc/provinces.csv). */
import { describe, expect, it } from 'vitest';
import { provinceKey, readProvince } from '../../src/domain/units/provinces.js';
import { officialList } from '../../src/dvhc.js';

const list = officialList();
const provinces = list.provinces;

/** The name with every tone mark moved to the other vowel of "oa", "oe", "uy" ("Hóa" ↔ "Hoá"). */
function otherAccentPlacement(name: string): string {
  const tone = '[\u0300\u0301\u0303\u0309\u0323]';
  return name
    .normalize('NFD')
    .replace(
      new RegExp(`([oOuU])(?:(${tone})([aAeEyY])|([aAeEyY])(${tone}))`, 'g'),
      (_, v, t1, w1, w2, t2) => (t1 ? `${v}${w1}${t1}` : `${v}${t2}${w2}`),
    )
    .normalize('NFC');
}

const withoutDiacritics = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');

describe('the 34 official provinces', () => {
  it('are 34, with distinct codes and distinct keys', () => {
    expect(otherAccentPlacement('Thanh Hóa')).toBe('Thanh Hoá');
    expect(otherAccentPlacement('Khánh Hoà')).toBe('Khánh Hòa');
    expect(provinces).toHaveLength(34);
    expect(new Set(provinces.map((p) => p.code)).size).toBe(34);
    expect(new Set(provinces.map((p) => provinceKey(p.name))).size).toBe(34);
  });

  it.each(provinces.map((p) => [p.name, p.code]))('%s (%s) is read in every usual spelling', (name, code) => {
    const bare = name.replace(/^Thành phố /, '');
    const city = bare !== name;
    const variants = [
      name,
      code,
      String(Number(code)),
      bare,
      name.toLowerCase(),
      name.toUpperCase(),
      withoutDiacritics(name),
      withoutDiacritics(bare).toLowerCase(),
      otherAccentPlacement(name),
      `  ${bare.normalize('NFD')}  `,
      city ? `TP ${bare}` : `Tỉnh ${bare}`,
      city ? `tp. ${withoutDiacritics(bare).toLowerCase()}` : `tinh ${withoutDiacritics(bare).toLowerCase()}`,
      city ? `Thành phố ${bare}` : `tỉnh ${bare}`,
    ];
    for (const v of variants) {
      const r = readProvince(v, provinces);
      expect(r.ok ? r.province : { refused: v }).toEqual({ code, name });
    }
  });

  it('reads the usual short forms of Hồ Chí Minh and Huế', () => {
    for (const v of [
      'TP Hồ Chí Minh',
      'tp hcm',
      'TP.HCM',
      'TPHCM',
      'Sài Gòn',
      'Hồ Chí Minh',
      'ho chi minh',
    ]) {
      const r = readProvince(v, provinces);
      expect(r.ok && r.province.name).toBe('Thành phố Hồ Chí Minh');
    }
    for (const v of ['Thành phố Huế', 'Huế', 'hue', 'TP Huế', 'Thừa Thiên Huế', 'thua thien hue']) {
      const r = readProvince(v, provinces);
      expect(r.ok && r.province.name).toBe('Thành phố Huế');
    }
    expect(readProvince('Thanh Hoá', provinces)).toEqual({
      ok: true,
      province: { code: '38', name: 'Thanh Hóa' },
    });
  });

  it('refuses an unknown name with the closest official names', () => {
    const r = readProvince('Thanh Hao', provinces);
    expect(r.ok).toBe(false);
    if (r.ok || r.reason !== 'unknown') throw new Error('expected unknown');
    expect(r.closest[0]?.name).toBe('Thanh Hóa');
    expect(r.closest).toHaveLength(3);
    const typo = list.readProvince('Nghe Anh');
    expect(!typo.ok && typo.reason === 'unknown' && typo.closest[0]?.name).toBe('Nghệ An');
    const empty = list.readProvince('xyz');
    expect(empty.ok).toBe(false);
  });

  it('refuses a province merged in 2025, saying where its communes went', () => {
    const r = list.readProvince('Quảng Bình');
    expect(r).toMatchObject({ ok: false, reason: 'former', former: 'Quảng Bình' });
    if (r.ok || r.reason !== 'former') throw new Error('expected former');
    expect(r.now[0]?.name).toBe('Quảng Trị');
    const bd = list.readProvince('binh duong');
    expect(!bd.ok && bd.reason === 'former' && bd.now[0]?.name).toBe('Thành phố Hồ Chí Minh');
  });
});

describe('the official communes and the 2025 mapping', () => {
  it('loads 3,321 communes and 10,599 mapping rows, indexed', () => {
    const all = provinces.flatMap((p) => list.communesOf(p.code));
    expect(all).toHaveLength(3321);
    expect(list.communesOf('38')).toHaveLength(166);
    expect(list.commune('14950')).toEqual({ provinceCode: '38', code: '14950', name: 'Xã Điền Lư' });
    expect(list.predecessorsOf('14950').map((r) => [r.oldCode, r.oldName, r.share])).toEqual([
      ['14935', 'Xã Điền Trung', 'whole'],
      ['14944', 'Xã Ái Thượng', 'whole'],
      ['14950', 'Xã Điền Lư', 'whole'],
    ]);
    expect(list.successorsOf('14944').map((r) => r.newCode)).toEqual(['14950']);
    // Names are read in NFC even where the file is decomposed.
    for (const p of provinces)
      for (const c of list.communesOf(p.code)) expect(c.name).toBe(c.name.normalize('NFC'));
  });
});
