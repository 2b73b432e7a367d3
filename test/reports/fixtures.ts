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
): AppendixRow => ({
  code,
  text,
  target,
  result,
  status: status.charAt(0).toUpperCase() + status.slice(1),
  difficulty,
  isPart,
});

export function appendixData(): AppendixData {
  return {
    title: 'Phụ lục - Kết quả thực hiện tiêu chí chuyển đổi số cấp xã quý IV/2026 - Xã Ái Thượng',
    number: 'I',
    heading: 'KẾT QUẢ THỰC HIỆN TIÊU CHÍ CHUYỂN ĐỔI SỐ CẤP XÃ QUÝ IV/2026',
    attachedTo:
      '(Kèm theo Báo cáo số      /BC-UBND ngày      tháng 11 năm 2026 của Ủy ban nhân dân xã Ái Thượng)',
    basisLine:
      'Theo Quyết định số 1829/QĐ-UBND ngày 30/5/2023 của Ủy ban nhân dân tỉnh Thanh Hóa về việc ban hành các tiêu chí chuyển đổi số cấp xã đến năm 2025 trên địa bàn tỉnh Thanh Hóa',
    unit: { code: '15985', name: 'Xã Ái Thượng', province: 'Thanh Hóa' },
    period: '2026-Q4',
    periodName: 'quý IV/2026',
    framework: {
      id: 'thanh-hoa-xa-2022',
      name: 'Bộ chỉ số chuyển đổi số cấp xã',
      decision: 'QĐ 1829/QĐ-UBND ngày 30/5/2023',
    },
    headings: {
      code: 'TT',
      text: 'Nội dung tiêu chí đánh giá',
      target: 'Chỉ tiêu giao',
      result: 'Kết quả quý IV/2026',
      status: 'Đánh giá',
      difficulty: 'Khó khăn; đề xuất',
    },
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
    placeAndDate: 'Ái Thượng, ngày      tháng 11 năm 2026',
    signer: { authority: 'KT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: 'Trương Thanh Tuyến' },
  };
}

export function difficultiesData(): DifficultiesData {
  return {
    letterhead: {
      agency: ['ỦY BAN NHÂN DÂN', 'XÃ ÁI THƯỢNG'],
      number: 'Số:        /BC-UBND',
      placeAndDate: 'Ái Thượng, ngày      tháng 11 năm 2023',
    },
    kind: 'BÁO CÁO',
    summary:
      'Những khó khăn, vướng mắc và đề xuất, kiến nghị trong công tác thực hiện chuyển đổi số trên địa bàn xã Ái Thượng năm 2023',
    recipients: ['Ban Chỉ đạo chuyển đổi số huyện Bá Thước', 'Phòng Văn hóa - Thông tin huyện Bá Thước'],
    intro:
      'Thực hiện Kế hoạch số 224/KH-UBND ngày 18/11/2022 của Ủy ban nhân dân huyện Bá Thước về chuyển đổi số trên địa bàn huyện năm 2023, Ủy ban nhân dân xã Ái Thượng báo cáo những khó khăn, vướng mắc và đề xuất, kiến nghị trong công tác thực hiện chuyển đổi số trên địa bàn xã năm 2023 như sau:',
    groups: [
      {
        heading: 'I. NHÓM TIÊU CHÍ SỐ 2: KINH TẾ SỐ',
        items: [
          {
            code: '2.5',
            text: 'Tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử',
            requirement: '50%',
            result:
              '0/4 doanh nghiệp, tỷ lệ 0% (chưa đạt), cần thêm 2 doanh nghiệp sử dụng hợp đồng điện tử để đạt 50%. Trên địa bàn xã có 4 doanh nghiệp đang hoạt động, chưa doanh nghiệp nào sử dụng hợp đồng điện tử.',
            proposal: 'Đề nghị BCĐ huyện có phương án chỉ đạo tiêu chí này.',
          },
        ],
      },
      {
        heading: 'II. NHÓM TIÊU CHÍ SỐ 3: XÃ HỘI SỐ',
        items: [
          {
            code: '3.6',
            text: 'Tỷ lệ dân số trưởng thành dùng dịch vụ tư vấn sức khỏe trực tuyến, khám chữa bệnh từ xa.',
            requirement: '10%',
            result: 'Chưa rõ. Ủy ban nhân dân xã chưa biết thực hiện tiêu chí này như thế nào.',
            proposal: 'chưa có sản phẩm OCOP nên đề nghị huyện hướng dẫn',
          },
          {
            code: '3.12',
            text: 'Tỷ lệ hộ gia đình thanh toán tiền điện bằng phương thức thanh toán không dùng tiền mặt.',
            requirement: '60%',
            result: 'Khoảng 20% (chưa đạt), còn thiếu 40 điểm %.',
            proposal: '',
          },
        ],
      },
    ],
    proposals: {
      heading: 'III. ĐỀ XUẤT, KIẾN NGHỊ',
      intro:
        'Bên cạnh 03 khó khăn, vướng mắc thuộc các tiêu chí 2.5; 3.6 và 3.12 đã nêu ở trên, Ủy ban nhân dân xã Ái Thượng đề xuất, kiến nghị một số nội dung sau:',
      items: [
        '1. Đề nghị BCĐ huyện xem xét hỗ trợ kinh phí cho xã: lắp đặt Camera an ninh, wifi công cộng.',
        '2. Đề nghị BCĐ huyện chỉ đạo các đơn vị phối hợp cung cấp số liệu minh chứng các tiêu chí.',
      ],
    },
    closing:
      'Trên đây là báo cáo của Ủy ban nhân dân xã Ái Thượng về những khó khăn, vướng mắc và đề xuất, kiến nghị trong công tác thực hiện chuyển đổi số trên địa bàn xã năm 2023, kính đề nghị Ban Chỉ đạo chuyển đổi số huyện Bá Thước quan tâm, chỉ đạo./.',
    copyTo: ['Như trên;', 'Lưu: VT.'],
    signer: { authority: 'KT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: 'Trương Thanh Tuyến' },
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
  xml: string;
  rows: Array<{ xml: string; cells: Array<{ xml: string; text: string }> }>;
}

/** The top-level elements `<tag>…</tag>` of `xml` (those nested in another of the same tag are inside). */
function topLevel(xml: string, tag: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<${tag}(?:\\s[^>]*)?>|</${tag}>`, 'g');
  let depth = 0;
  let start = 0;
  for (const m of xml.matchAll(re)) {
    if (m[0].startsWith('</')) {
      depth--;
      if (depth === 0) out.push(xml.slice(start, (m.index ?? 0) + m[0].length));
    } else {
      if (depth === 0) start = m.index ?? 0;
      depth++;
    }
  }
  return out;
}

/** The inside of an element's outer tags. */
const inner = (el: string) => el.replace(/^<[^>]*>/, '').replace(/<\/[^>]*>$/, '');

/** The tables of `xml` (not nested), each row's cells (not of nested tables) with their text. */
export function tables(xml: string): DocxTable[] {
  return topLevel(xml, 'w:tbl').map((t) => ({
    xml: t,
    rows: topLevel(inner(t), 'w:tr').map((r) => ({
      xml: r,
      cells: topLevel(inner(r), 'w:tc').map((c) => ({ xml: c, text: paragraphs(c).join('\n') })),
    })),
  }));
}

/** Every paragraph in body order (table cells included) with its XML, for its properties. */
export function paragraphBlocks(xml: string): Array<{ text: string; xml: string }> {
  return [...xml.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)].map((m) => ({
    text: paragraphText(m[1] ?? ''),
    xml: m[0],
  }));
}

/** The first paragraph whose text is `text`; fails the test when there is none. */
export function paragraphOf(xml: string, text: string): { text: string; xml: string } {
  const p = paragraphBlocks(xml).find((b) => b.text === text);
  if (!p) throw new Error(`no paragraph "${text}"`);
  return p;
}

/** The font sizes (half-points) of a paragraph's runs that hold text. */
export function runSizes(p: string): number[] {
  return [...p.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)]
    .filter((r) => /<w:t[ >]/.test(r[1] ?? ''))
    .map((r) => Number(/<w:sz w:val="(\d+)"/.exec(r[1] ?? '')?.[1] ?? 0));
}

/** Whether every text run of a paragraph has the run property `prop` ("b", "i"). */
export function allRuns(p: string, prop: 'b' | 'i'): boolean {
  const runs = [...p.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].filter((r) => /<w:t[ >]/.test(r[1] ?? ''));
  return runs.length > 0 && runs.every((r) => new RegExp(`<w:${prop}/>`).test(r[1] ?? ''));
}

/** The parts of a .docx other than the body: styles, headers. */
export async function docxPart(bytes: Buffer, path: string): Promise<string> {
  const file = (await JSZip.loadAsync(bytes)).file(path);
  if (!file) throw new Error(`no ${path}`);
  return file.async('string');
}

/** The headers of a .docx by type ("default", "first"), as their XML. */
export async function headers(bytes: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const doc = await docxPart(bytes, 'word/document.xml');
  const rels = await docxPart(bytes, 'word/_rels/document.xml.rels');
  const out: Record<string, string> = {};
  for (const m of doc.matchAll(/<w:headerReference w:type="(\w+)" r:id="(\w+)"\/>/g)) {
    const target =
      new RegExp(`Id="${m[2]}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
      new RegExp(`Target="([^"]+)"[^>]*Id="${m[2]}"`).exec(rels)?.[1];
    const file = target ? zip.file(`word/${target}`) : null;
    if (m[1] && file) out[m[1]] = await file.async('string');
  }
  return out;
}
