/**
 * Hand-built report data for the builder tests: the criteria of Phụ lục 2 (seed 004, cấp xã) plus the
 * composite 8.4 with its sub-points a–đ (NTM nâng cao), and the difficulties of seed 002.
 */
import JSZip from 'jszip';
import type { AppendixData, AppendixRow, DifficultiesData } from '../../src/reports/types.js';

const row = (
  code: string,
  text: string,
  target: string,
  result: string,
  status: string,
  difficulty = '',
  isPart = false,
): AppendixRow => ({ code, text, target, result, status, difficulty, isPart });

export function appendixData(): AppendixData {
  return {
    issuer: 'UBND xã Ái Thượng',
    title: 'Phụ lục - Kết quả chuyển đổi số tại đơn vị cấp xã quý IV/2026',
    unit: { code: '15985', name: 'Xã Ái Thượng', province: 'tỉnh Thanh Hóa' },
    periodLabel: 'Quý IV/2026',
    period: '2026-Q4',
    framework: {
      id: 'thanh-hoa-xa-2022',
      name: 'Bộ chỉ số chuyển đổi số cấp xã',
      decision: 'QĐ 1829/QĐ-UBND ngày 30/5/2023',
    },
    resultHeading: 'Kết quả quý IV/2026',
    groups: [
      {
        code: '1',
        name: 'Chính quyền số',
        subtotal: '10/12',
        rows: [
          row(
            '1.1',
            'Tỷ lệ cán bộ, công chức xã được cấp và thường xuyên sử dụng thư điện tử công vụ.',
            '100%',
            '100%',
            'đạt',
          ),
          row(
            '1.2',
            'Tỷ lệ lãnh đạo, cán bộ, công chức trên địa bàn cấp xã chỉ đạo, điều hành, xử lý công việc hoàn toàn trên môi trường điện tử',
            '100%',
            '95% (19/20 người)',
            'chưa đạt',
            'Còn 01 công chức chưa được cấp chữ ký số;\nđề nghị Sở cấp bổ sung',
          ),
          row(
            '1.3',
            'Tỷ lệ văn bản, hồ sơ công việc được tạo lập, xử lý, ký số trên môi trường điện tử (trừ văn bản mật theo quy định)',
            '100%',
            '100%',
            'đạt',
          ),
          row(
            '1.4',
            'Tỷ lệ hồ sơ TTHC tại UBND cấp xã tiếp nhận xử lý được cập nhật, quản lý và giải quyết trên Hệ thống thông tin một cửa điện tử',
            '100%',
            '66,95% (25.031/37.389 hồ sơ)',
            'chưa đạt',
          ),
          row(
            '1.5',
            'Có tối thiểu có một kênh giao tiếp với người dân thông qua tin nhắn SMS, các nhóm zalo, trang thông tin điện tử',
            'Có',
            'Có',
            'đạt',
          ),
          row(
            '1.6',
            'Khai thác, sử dụng các cơ sở dữ liệu, phần mềm, nền tảng ứng dụng dùng chung từ Trung ương đến địa phương đảm bảo thông suốt, hiệu quả',
            'Có',
            'Có',
            'đạt',
          ),
          row(
            '1.7',
            'Có phòng họp trực tuyến thế hệ mới, hướng tới triển khai phòng họp không giấy tờ (khi có đủ điều kiện và cần thiết) phục vụ các cuộc họp của Ủy ban nhân dân cấp xã',
            'Có',
            'Có',
            'đạt',
          ),
          row(
            '1.8',
            'Triển khai các nền tảng công nghệ, ứng dụng phòng, chống dịch theo các hướng dẫn của Bộ Y tế và Bộ Thông tin và Truyền thông',
            'Có',
            'Có',
            'đạt',
          ),
          row(
            '1.9',
            'Tuyên truyền cho người dân gọi đến Tổng đài 1022 để được tư vấn, cung cấp thông tin hỗ trợ phòng, chống dịch và các thông tin khác',
            'Có',
            'Có',
            'đạt',
          ),
          row(
            '1.10',
            'Số hóa tài liệu, quy trình nghiệp vụ phục vụ cho công tác chuyển đổi số tại UBND cấp xã',
            'Có',
            'Có',
            'đạt',
          ),
          row(
            '1.11',
            'Có các ứng dụng CNTT để quản lý tài sản, tài chính - kế toán, nhân lực, nhân sự, báo cáo, tổng hợp...',
            'Có',
            'Có',
            'đạt',
          ),
          row(
            '1.12',
            'Ứng dụng nền tảng số hỗ trợ chính quyền cấp xã giao tiếp, tương tác và tiếp nhận các ý kiến, phản ánh, kiến nghị của người dân thông qua công nghệ số',
            'Có',
            'Có',
            'đạt',
            'Đang chỉ đạo thực hiện theo NĐ 42/2022',
          ),
        ],
      },
      {
        code: '2',
        name: 'Kinh tế số',
        subtotal: '1/3',
        rows: [
          row(
            '2.1',
            'Tuyên truyền, nâng cao nhận thức cho doanh nghiệp, hộ kinh doanh, sản xuất và người dân về chuyển đổi số, phát triển kinh tế, mua bán, phân phối hàng hóa dựa trên môi trường mạng',
            'Có',
            'Có',
            'đạt',
          ),
          row(
            '2.2',
            'Tỷ lệ các sản phẩm nông nghiệp, tiểu thủ công nghiệp, dịch vụ có lợi thế của xã, sản phẩm OCOP được quảng bá qua mạng internet (trang thông tin điện tử, mạng xã hội,...)',
            '100%',
            '0%',
            'chưa đạt',
            'Xã chưa có cán bộ phụ trách thương mại điện tử',
          ),
          row(
            '2.5',
            'Tỷ lệ hộ gia đình, cơ quan, tổ chức trên địa bàn cấp xã được gắn mã địa chỉ trên nền tảng bản đồ số Vpostcode',
            '100%',
            '',
            'chưa trả lời',
          ),
        ],
      },
      {
        code: '8',
        name: 'Thông tin và Truyền thông',
        subtotal: '0/1',
        rows: [
          row(
            '8.4',
            'Ứng dụng công nghệ thông tin trong công tác quản lý, điều hành phục vụ đời sống kinh tế - xã hội',
            '',
            'đang thực hiện',
            'đang thực hiện',
          ),
          row(
            '8.4a',
            'Tỷ lệ hồ sơ giải quyết trực tuyến trên tổng số hồ sơ giải quyết thủ tục hành chính của xã',
            '',
            '85%',
            'đạt',
            '',
            true,
          ),
          row(
            '8.4d',
            '100% sản phẩm OCOP của xã được giới thiệu, quảng bá trên nền tảng sàn thương mại điện tử',
            '100%',
            'không có sản phẩm OCOP',
            'không áp dụng',
            '',
            true,
          ),
          row(
            '8.4đ',
            '100% hộ gia đình, cơ quan, tổ chức, khu di tích được thông báo, gắn biển địa chỉ số đến từng điểm địa chỉ',
            '100%',
            '40% (412/1.030 hộ)',
            'đang thực hiện',
            'Đang phối hợp với Bưu điện huyện gắn biển; dự kiến xong quý I/2027',
            true,
          ),
        ],
      },
    ],
    footer: { total: 16, met: 11, applicable: 16, remaining: 5 },
    madeOn: 'Ngày 22/11/2026',
  };
}

export function difficultiesData(): DifficultiesData {
  return {
    issuer: 'UBND xã Ái Thượng',
    placeAndDate: 'Ái Thượng, ngày 22 tháng 11 năm 2026',
    title:
      'Những khó khăn, vướng mắc và đề xuất, kiến nghị trong công tác thực hiện chuyển đổi số trên địa bàn xã Ái Thượng quý IV/2026',
    recipient: 'Kính gửi: Ban chỉ đạo Chuyển đổi số huyện Bá Thước.',
    intro:
      'Thực hiện Kế hoạch số 224/KH-UBND ngày 18/11/2022 của UBND huyện Bá Thước về chuyển đổi số trên địa bàn huyện; UBND xã Ái Thượng báo cáo những khó khăn, vướng mắc và đề xuất, kiến nghị như sau:',
    groups: [
      {
        heading: 'I. NHÓM TIÊU CHÍ SỐ 2: KINH TẾ SỐ',
        items: [
          {
            code: '2.5',
            text: 'Tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử',
            requirement: '50%',
            result:
              'Hiện nay trên địa bàn xã có 4 doanh nghiệp đang hoạt động, chưa có doanh nghiệp nào sử dụng hợp đồng điện tử. (chưa đạt)',
            proposal: 'Đề nghị BCĐ huyện có phương án chỉ đạo tiêu chí này.',
          },
        ],
      },
      {
        heading: 'II. NHÓM TIÊU CHÍ SỐ 3: XÃ HỘI SỐ',
        items: [
          {
            code: '3.3',
            text: 'Tỷ lệ thuê bao điện thoại di động thông minh có sử dụng phần mềm an toàn thông tin mạng cơ bản',
            requirement: '55%',
            result: 'Tiêu chí này chưa có ứng dụng để cài đặt cho người dân. (chưa đạt)',
            proposal:
              'BCĐ huyện phối hợp với các doanh nghiệp cung cấp ứng dụng để xã hướng dẫn người dân cài đặt.',
          },
          {
            code: '3.12',
            text: 'Tỷ lệ hộ gia đình thanh toán tiền điện bằng phương thức thanh toán không dùng tiền mặt',
            requirement: '60%',
            result: 'Mới đạt khoảng 20%. (chưa đạt)',
            proposal: '',
          },
        ],
      },
    ],
    closing:
      'Trên đây là báo cáo của UBND xã Ái Thượng về những khó khăn, vướng mắc và đề xuất, kiến nghị trong công tác thực hiện chuyển đổi số trên địa bàn xã./.',
  };
}

// ---------------------------------------------------------------------------------------------
// Reading a .docx back

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

export async function documentXml(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const file = zip.file('word/document.xml');
  if (!file) throw new Error('no word/document.xml');
  return file.async('string');
}

/** The text of one paragraph: its w:t runs, with w:br as a line break. */
function paragraphText(p: string): string {
  let out = '';
  for (const m of p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g))
    out += m[1] === undefined ? '\n' : decodeXml(m[1]);
  return out;
}

/** Every paragraph's text in body order (table cells included). */
export function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)].map((m) => paragraphText(m[1] ?? ''));
}

export interface DocxTable {
  rows: Array<{ xml: string; cells: Array<{ xml: string; text: string }> }>;
}

/** The tables of the body (not nested), each row's cells with their text (paragraphs joined by "\n"). */
export function tables(xml: string): DocxTable[] {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) => ({
    rows: [...(t[1] ?? '').matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((r) => ({
      xml: r[1] ?? '',
      cells: [...(r[1] ?? '').matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => ({
        xml: c[1] ?? '',
        text: paragraphs(c[1] ?? '').join('\n'),
      })),
    })),
  }));
}
