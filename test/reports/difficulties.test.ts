/**
 * The difficulties report as a .docx: seed 002's shape and the layout of Nghị định 30/2020/NĐ-CP,
 * Phụ lục I (cited as in src/reports/docx-common.ts), checked in the document's XML.
 */
import { describe, expect, it } from 'vitest';
import { buildDifficultiesDocx } from '../../src/reports/difficulties.js';
import {
  allRuns,
  difficultiesData,
  documentXml,
  docxPart,
  headers,
  paragraphBlocks,
  paragraphOf,
  paragraphs,
  runSizes,
  tables,
} from './fixtures.js';

async function build(data = difficultiesData()) {
  const bytes = await buildDifficultiesDocx(data);
  return { bytes, xml: await documentXml(bytes) };
}

describe('buildDifficultiesDocx: the sections of seed 002, in order', () => {
  it('letterhead, BÁO CÁO, Kính gửi, căn cứ, groups with a) b) c), ĐỀ XUẤT, closing, Nơi nhận, signer', async () => {
    const { xml } = await build();
    expect(paragraphs(xml).filter((s) => s.trim() !== '')).toEqual([
      'ỦY BAN NHÂN DÂN',
      'XÃ ÁI THƯỢNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số:        /BC-UBND',
      'Ái Thượng, ngày      tháng 11 năm 2023',
      'BÁO CÁO',
      'Những khó khăn, vướng mắc và đề xuất, kiến nghị trong công tác thực hiện chuyển đổi số trên địa bàn xã Ái Thượng năm 2023',
      'Kính gửi:',
      '- Ban Chỉ đạo chuyển đổi số huyện Bá Thước;',
      '- Phòng Văn hóa - Thông tin huyện Bá Thước.',
      difficultiesData().intro,
      'I. NHÓM TIÊU CHÍ SỐ 2: KINH TẾ SỐ',
      '1. Tiêu chí 2.5: Tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử',
      'a) Yêu cầu tiêu chí: 50%',
      'b) Kết quả thực hiện: 0/4 doanh nghiệp, tỷ lệ 0% (chưa đạt), cần thêm 2 doanh nghiệp sử dụng hợp đồng điện tử để đạt 50%. Trên địa bàn xã có 4 doanh nghiệp đang hoạt động, chưa doanh nghiệp nào sử dụng hợp đồng điện tử.',
      'c) Đề nghị BCĐ huyện có phương án chỉ đạo tiêu chí này.',
      'II. NHÓM TIÊU CHÍ SỐ 3: XÃ HỘI SỐ',
      '1. Tiêu chí 3.6: Tỷ lệ dân số trưởng thành dùng dịch vụ tư vấn sức khỏe trực tuyến, khám chữa bệnh từ xa.',
      'a) Yêu cầu tiêu chí: 10%',
      'b) Kết quả thực hiện: Chưa rõ. Ủy ban nhân dân xã chưa biết thực hiện tiêu chí này như thế nào.',
      // The officer's words as written: nothing glued in front, the case kept, only the stop added.
      'c) chưa có sản phẩm OCOP nên đề nghị huyện hướng dẫn.',
      '2. Tiêu chí 3.12: Tỷ lệ hộ gia đình thanh toán tiền điện bằng phương thức thanh toán không dùng tiền mặt.',
      'a) Yêu cầu tiêu chí: 60%',
      'b) Kết quả thực hiện: Khoảng 20% (chưa đạt), còn thiếu 40 điểm %.',
      'c) Không có đề xuất, kiến nghị.',
      'III. ĐỀ XUẤT, KIẾN NGHỊ',
      difficultiesData().proposals.intro,
      '1. Đề nghị BCĐ huyện xem xét hỗ trợ kinh phí cho xã: lắp đặt Camera an ninh, wifi công cộng.',
      '2. Đề nghị BCĐ huyện chỉ đạo các đơn vị phối hợp cung cấp số liệu minh chứng các tiêu chí.',
      difficultiesData().closing,
      'Nơi nhận:',
      '- Như trên;',
      '- Lưu: VT.',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Trương Thanh Tuyến',
    ]);
  });

  it('puts one recipient on the line of "Kính gửi:"', async () => {
    const { xml } = await build({
      ...difficultiesData(),
      recipients: ['Sở Khoa học và Công nghệ tỉnh Thanh Hóa'],
    });
    expect(paragraphs(xml)).toContain('Kính gửi: Sở Khoa học và Công nghệ tỉnh Thanh Hóa');
  });

  it('writes the lines of a composite criterion under b)', async () => {
    const data = difficultiesData();
    data.groups[0]!.items[0] = {
      code: '8.4',
      text: 'Ứng dụng công nghệ thông tin trong công tác quản lý',
      requirement: 'đáp ứng đủ các điều kiện (điểm a, đ)',
      result: 'Chưa đạt:',
      resultLines: [
        '- Điểm a: Tỷ lệ hồ sơ trực tuyến: 80% (đạt).',
        '- Điểm đ: Gắn biển địa chỉ số: Đang thực hiện.',
      ],
      proposal: '',
    };
    const t = paragraphs((await build(data)).xml);
    const b = t.indexOf('b) Kết quả thực hiện: Chưa đạt:');
    expect(t.slice(b, b + 4)).toEqual([
      'b) Kết quả thực hiện: Chưa đạt:',
      '- Điểm a: Tỷ lệ hồ sơ trực tuyến: 80% (đạt).',
      '- Điểm đ: Gắn biển địa chỉ số: Đang thực hiện.',
      'c) Không có đề xuất, kiến nghị.',
    ]);
  });
});

describe('buildDifficultiesDocx: Nghị định 30/2020/NĐ-CP, Phụ lục I', () => {
  it('[I.1, I.3, I.4] A4 portrait, margins 20/20/30/15 mm, Times New Roman in black', async () => {
    const { bytes, xml } = await build();
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701"/);
    const styles = await docxPart(bytes, 'word/styles.xml');
    const defaults = /<w:rPrDefault>[\s\S]*?<\/w:rPrDefault>/.exec(styles)?.[0] ?? '';
    expect(defaults).toContain('w:ascii="Times New Roman"');
    expect(defaults).toContain('<w:color w:val="000000"/>');
    expect(defaults).toContain('<w:sz w:val="28"/>');
  });

  it('[II.1, II.2, II.3, II.4] the letterhead: sizes, bold, italics, the rules, number and date on one row', async () => {
    const { xml } = await build();
    const [head] = tables(xml);
    const [top, second] = head!.rows;
    const [agency, nation] = top!.cells;
    // Tên cơ quan: in hoa, 12, đậm; a rule under it of 1/3 to 1/2 of its line.
    for (const line of ['ỦY BAN NHÂN DÂN', 'XÃ ÁI THƯỢNG']) {
      const p = paragraphOf(agency!.xml, line);
      expect(runSizes(p.xml)).toEqual([24]);
      expect(allRuns(p.xml, 'b')).toBe(true);
      expect(p.xml).toContain('<w:jc w:val="center"/>');
    }
    const rules = (cellXml: string) => paragraphBlocks(cellXml).filter((p) => p.xml.includes('<w:pBdr>'));
    expect(rules(agency!.xml)).toHaveLength(1);
    expect(rules(agency!.xml)[0]!.xml).toMatch(/<w:bottom w:val="single"/);
    // Quốc hiệu in hoa 12 đậm on one line (the column is wide enough: 62 % of the text width).
    const qh = paragraphOf(nation!.xml, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(runSizes(qh.xml)).toEqual([24]);
    expect(allRuns(qh.xml, 'b')).toBe(true);
    expect(allRuns(qh.xml, 'i')).toBe(false);
    // Tiêu ngữ 13 đậm, with a rule under it as long as the line.
    const tn = paragraphOf(nation!.xml, 'Độc lập - Tự do - Hạnh phúc');
    expect(runSizes(tn.xml)).toEqual([26]);
    expect(allRuns(tn.xml, 'b')).toBe(true);
    expect(rules(nation!.xml)).toHaveLength(1);
    // Số (13, upright) and the place and date (13, italic) share the second row.
    const [number, date] = second!.cells;
    const so = paragraphOf(number!.xml, 'Số:        /BC-UBND');
    expect(runSizes(so.xml)).toEqual([26]);
    expect(allRuns(so.xml, 'i')).toBe(false);
    const dd = paragraphOf(date!.xml, 'Ái Thượng, ngày      tháng 11 năm 2023');
    expect(runSizes(dd.xml)).toEqual([26]);
    expect(allRuns(dd.xml, 'i')).toBe(true);
    // The letterhead has no visible borders.
    expect(head!.xml).toContain('<w:top w:val="none"');
  });

  it('[II.5b] tên loại and trích yếu centred, bold, 14, with a rule under them', async () => {
    const { xml } = await build();
    for (const text of ['BÁO CÁO', difficultiesData().summary]) {
      const p = paragraphOf(xml, text);
      expect(runSizes(p.xml)).toEqual([28]);
      expect(allRuns(p.xml, 'b')).toBe(true);
      expect(p.xml).toContain('<w:jc w:val="center"/>');
    }
    const blocks = paragraphBlocks(xml);
    const at = blocks.findIndex((p) => p.text === difficultiesData().summary);
    expect(blocks[at + 1]!.xml).toContain('<w:pBdr>');
  });

  it('[II.9d] several recipients each on a line, the dashes lined up under the colon', async () => {
    const { xml } = await build();
    const head = paragraphOf(xml, 'Kính gửi:');
    const item = paragraphOf(xml, '- Ban Chỉ đạo chuyển đổi số huyện Bá Thước;');
    const last = paragraphOf(xml, '- Phòng Văn hóa - Thông tin huyện Bá Thước.');
    const left = (p: string) => Number(/<w:ind w:left="(\d+)"/.exec(p)?.[1] ?? -1);
    expect(runSizes(head.xml)).toEqual([28]);
    expect(left(item.xml)).toBeGreaterThan(left(head.xml));
    expect(left(item.xml)).toBe(left(last.xml));
    // "Kính gửi" is about 1,8 cm wide at 14 pt: the dashes start under its colon.
    expect(left(item.xml) - left(head.xml)).toBeGreaterThan(900);
    expect(left(item.xml) - left(head.xml)).toBeLessThan(1100);
  });

  it('[II.6e] the body: 14 pt, justified, first line 1 cm, 6 pt between paragraphs, 1,2 lines', async () => {
    const { xml } = await build();
    for (const text of [difficultiesData().intro, 'a) Yêu cầu tiêu chí: 50%', difficultiesData().closing]) {
      const p = paragraphOf(xml, text).xml;
      expect(runSizes(p).every((s) => s === 28)).toBe(true);
      expect(p).toContain('<w:jc w:val="both"/>');
      expect(p).toMatch(/<w:ind [^>]*w:firstLine="567"/);
      const spacing = /<w:spacing [^>]*\/>/.exec(p)?.[0] ?? '';
      expect(spacing).toContain('w:after="120"');
      expect(spacing).toContain('w:line="288"');
    }
    // [II.6đ] a mục's number and title: in hoa, đậm; a khoản's number and title đậm.
    expect(allRuns(paragraphOf(xml, 'I. NHÓM TIÊU CHÍ SỐ 2: KINH TẾ SỐ').xml, 'b')).toBe(true);
    const khoan = paragraphOf(xml, '1. Tiêu chí 2.5: Tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử').xml;
    expect(khoan).toMatch(/<w:b\/>[\s\S]*1\. Tiêu chí 2\.5:/);
  });

  it('[II.7, II.9] Nơi nhận 12 bold italic and its list 11; the signer 14 bold with room to sign', async () => {
    const { xml } = await build();
    const sign = tables(xml).at(-1)!;
    const [left, right] = sign.rows[0]!.cells;
    const noiNhan = paragraphOf(left!.xml, 'Nơi nhận:').xml;
    expect(runSizes(noiNhan)).toEqual([24]);
    expect(allRuns(noiNhan, 'b') && allRuns(noiNhan, 'i')).toBe(true);
    expect(runSizes(paragraphOf(left!.xml, '- Như trên;').xml)).toEqual([22]);
    expect(runSizes(paragraphOf(left!.xml, '- Lưu: VT.').xml)).toEqual([22]);
    const lines = paragraphBlocks(right!.xml);
    expect(lines[0]!.text).toBe('KT. CHỦ TỊCH');
    for (const text of ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Trương Thanh Tuyến']) {
      const p = paragraphOf(right!.xml, text).xml;
      expect(runSizes(p)).toEqual([28]);
      expect(allRuns(p, 'b')).toBe(true);
    }
    const title = lines.findIndex((p) => p.text === 'PHÓ CHỦ TỊCH');
    const name = lines.findIndex((p) => p.text === 'Trương Thanh Tuyến');
    expect(name - title - 1).toBeGreaterThanOrEqual(4);
    // The row of the signing block is never split across pages.
    expect(sign.rows[0]!.xml).toContain('<w:cantSplit/>');
  });

  it('[I.7] page numbers from page 2, centred, 14; no blank trailing page', async () => {
    const { bytes, xml } = await build();
    expect(xml).toContain('<w:titlePg/>');
    const h = await headers(bytes);
    expect(h.default).toMatch(/PAGE/);
    expect(h.default).toContain('<w:jc w:val="center"/>');
    expect(h.default).toContain('<w:sz w:val="28"/>');
    expect(h.first ?? '').not.toMatch(/PAGE/);
    // The body ends with a paragraph 1 pt high after the signing table, not with the table.
    const body = xml.slice(xml.indexOf('<w:body>'), xml.indexOf('<w:sectPr'));
    expect(body).toMatch(/<\/w:tbl><w:p>(?:(?!<w:p>)[\s\S])*w:line="20" w:lineRule="exact"[\s\S]*<\/w:p>$/);
  });

  it('marks a draft on every page and takes the top margin of 25 mm for it', async () => {
    const { bytes, xml } = await build({
      ...difficultiesData(),
      draft: 'DỰ THẢO — còn 2 tiêu chí chưa trả lời',
    });
    const h = await headers(bytes);
    expect(h.default).toContain('DỰ THẢO — còn 2 tiêu chí chưa trả lời');
    expect(h.first).toContain('DỰ THẢO — còn 2 tiêu chí chưa trả lời');
    expect(xml).toMatch(/<w:pgMar w:top="1418"/);
    const complete = await headers((await build()).bytes);
    expect(complete.default).not.toContain('DỰ THẢO');
  });
});
