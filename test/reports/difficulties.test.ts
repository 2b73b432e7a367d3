import { describe, expect, it } from 'vitest';
import { buildDifficultiesDocx } from '../../src/reports/difficulties.js';
import { difficultiesData, documentXml, paragraphs, tables } from './fixtures.js';

async function texts(data = difficultiesData()): Promise<string[]> {
  return paragraphs(await documentXml(await buildDifficultiesDocx(data)));
}

describe('buildDifficultiesDocx', () => {
  it('follows seed 002: heading, Kính gửi, intro, per criterion a) b) c), closing, signature', async () => {
    const t = (await texts()).filter((s) => s !== '');
    expect(t).toEqual([
      'UBND XÃ ÁI THƯỢNG',
      'Số:        /BC-UBND',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Ái Thượng, ngày 22 tháng 11 năm 2026',
      'BÁO CÁO',
      'Những khó khăn, vướng mắc và đề xuất, kiến nghị trong công tác thực hiện chuyển đổi số trên địa bàn xã Ái Thượng quý IV/2026',
      'Kính gửi: Ban chỉ đạo Chuyển đổi số huyện Bá Thước.',
      'Thực hiện Kế hoạch số 224/KH-UBND ngày 18/11/2022 của UBND huyện Bá Thước về chuyển đổi số trên địa bàn huyện; UBND xã Ái Thượng báo cáo những khó khăn, vướng mắc và đề xuất, kiến nghị như sau:',
      'I. NHÓM TIÊU CHÍ SỐ 2: KINH TẾ SỐ',
      '1. Tiêu chí 2.5: Tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử',
      'a) Yêu cầu tiêu chí: 50%',
      'b) Kết quả thực hiện: Hiện nay trên địa bàn xã có 4 doanh nghiệp đang hoạt động, chưa có doanh nghiệp nào sử dụng hợp đồng điện tử. (chưa đạt)',
      'c) Đề nghị BCĐ huyện có phương án chỉ đạo tiêu chí này.',
      'II. NHÓM TIÊU CHÍ SỐ 3: XÃ HỘI SỐ',
      '1. Tiêu chí 3.3: Tỷ lệ thuê bao điện thoại di động thông minh có sử dụng phần mềm an toàn thông tin mạng cơ bản',
      'a) Yêu cầu tiêu chí: 55%',
      'b) Kết quả thực hiện: Tiêu chí này chưa có ứng dụng để cài đặt cho người dân. (chưa đạt)',
      'c) Đề nghị BCĐ huyện phối hợp với các doanh nghiệp cung cấp ứng dụng để xã hướng dẫn người dân cài đặt.',
      '2. Tiêu chí 3.12: Tỷ lệ hộ gia đình thanh toán tiền điện bằng phương thức thanh toán không dùng tiền mặt',
      'a) Yêu cầu tiêu chí: 60%',
      'b) Kết quả thực hiện: Mới đạt khoảng 20%. (chưa đạt)',
      'c) Đề nghị: ……………………………………',
      'Trên đây là báo cáo của UBND xã Ái Thượng về những khó khăn, vướng mắc và đề xuất, kiến nghị trong công tác thực hiện chuyển đổi số trên địa bàn xã./.',
      'Nơi nhận:',
      '- Như trên;',
      '- Lưu: VT.',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      '(Ký, ghi rõ họ tên, đóng dấu)',
    ]);
  });

  it('keeps the heading block and the signature in borderless side-by-side columns', async () => {
    const xml = await documentXml(await buildDifficultiesDocx(difficultiesData()));
    const [heading, signature] = tables(xml);
    expect(heading!.rows[0]!.cells.map((c) => c.text.split('\n')[0])).toEqual([
      'UBND XÃ ÁI THƯỢNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    ]);
    expect(signature!.rows[0]!.cells[1]!.text).toMatch(/^KT\. CHỦ TỊCH\nPHÓ CHỦ TỊCH/);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    // The number of the report and the signer's name are left for the office to fill in.
    expect(xml).not.toContain('Trương Thanh Tuyến');
  });

  it('lists several recipients under "Kính gửi:" and does not repeat "BÁO CÁO"', async () => {
    const t = await texts({
      ...difficultiesData(),
      title: 'BÁO CÁO những khó khăn, vướng mắc năm 2026',
      recipient:
        'Kính gửi:\n- Ban chỉ đạo Chuyển đổi số huyện Bá Thước;\n- Phòng Văn hóa – Thông tin huyện Bá Thước.',
    });
    expect(t.filter((s) => s.startsWith('BÁO CÁO'))).toEqual(['BÁO CÁO những khó khăn, vướng mắc năm 2026']);
    const k = t.indexOf('Kính gửi:');
    expect(t.slice(k, k + 3)).toEqual([
      'Kính gửi:',
      '- Ban chỉ đạo Chuyển đổi số huyện Bá Thước;',
      '- Phòng Văn hóa – Thông tin huyện Bá Thước.',
    ]);
  });

  it('adds "Kính gửi:" and "Đề nghị" when the data leaves them out', async () => {
    const data = difficultiesData();
    data.recipient = 'Sở Khoa học và Công nghệ tỉnh Thanh Hóa.';
    data.groups[0]!.items[0]!.proposal = 'Hỗ trợ kinh phí lắp đặt Camera an ninh, wifi công cộng.';
    const t = await texts(data);
    expect(t).toContain('Kính gửi: Sở Khoa học và Công nghệ tỉnh Thanh Hóa.');
    expect(t).toContain('c) Đề nghị hỗ trợ kinh phí lắp đặt Camera an ninh, wifi công cộng.');
  });
});
