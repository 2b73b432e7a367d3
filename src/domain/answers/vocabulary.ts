/**
 * The words officers answer with, folded (no diacritics, đ → d, lower case): the seeds' own
 * phrasings (domain notes §4) and chat shorthand. Every list is matched on whole words.
 */

/** Chat shorthand and Telex leftovers, expanded before any matching ("dc" → "duoc", "cx" → "cung"). */
export const SHORTHAND: Readonly<Record<string, string>> = {
  k: 'khong',
  ko: 'khong',
  kg: 'khong',
  kh: 'khong',
  hong: 'khong',
  hok: 'khong',
  khoong: 'khong',
  dc: 'duoc',
  dk: 'duoc',
  cx: 'cung',
  cg: 'cung',
  chx: 'chua',
  chuwa: 'chua',
  r: 'roi',
  j: 'gi',
  ntn: 'nhu the nao',
  bt: 'biet',
  bn: 'bao nhieu',
  lm: 'lam',
  ddat: 'dat',
  ddajt: 'dat',
  dajt: 'dat',
  cos: 'co',
  tl: 'ty le',
};

/** "Chưa rõ": the officer does not know (yet). */
export const UNKNOWN_WORDS = [
  '?',
  '??',
  '???',
  'chua ro',
  'khong ro',
  'chua biet',
  'khong biet',
  'chua chac',
  'khong chac',
  'chua xac dinh',
  'chua co so lieu',
  'chua co thong tin',
  'khong co so lieu',
];

/** "Không áp dụng": the criterion does not apply to the commune. */
export const NOT_APPLICABLE_WORDS = [
  'khong ap dung',
  'kad',
  'n/a',
  'na',
  'khong thuoc dien',
  'khong co doi tuong',
];

/** "Đang thực hiện": the seeds' ways of saying the work is under way (not a "Có"). */
export const IN_PROGRESS_WORDS = [
  'dang thuc hien',
  'dang trien khai',
  'dang chu truong thuc hien',
  'dang chu truong',
  'dang phoi hop thuc hien',
  'dang phoi hop',
  'dang chi dao thuc hien',
  'dang chi dao',
  'dang lam',
  'dang xay dung',
  'dang hoan thien',
  'dang tien hanh',
  'dang ra soat',
  'dang cap nhat',
  'chua xong',
];

export const YES_WORDS = [
  'co',
  'dat',
  'da dat',
  'da co',
  'co roi',
  'roi',
  'yes',
  'y',
  'ok',
  'oke',
  'duoc',
  'da',
  '1',
  'cung co',
  'cung dat',
];

export const NO_WORDS = [
  'khong',
  'khong co',
  'chua',
  'chua co',
  'chua dat',
  'khong dat',
  'no',
  'n',
  '0',
  'cung khong',
  'cung chua',
];

/** Words that put an answer in doubt: "có thể", "có lẽ" are not a "Có". */
export const DOUBT_WORDS = ['co the', 'co le', 'chac co', 'hinh nhu', 'chac la', 'chac vay', 'co the co'];

/**
 * What turns a "Có" into a qualified one ("có nhưng còn ít"): stored only once the officer confirms
 * that a plain Có is meant, with the qualification kept as a note.
 */
export const QUALIFIERS = [
  'nhung',
  'tuy nhien',
  'song',
  'mot phan',
  'con it',
  'chua du',
  'chua day du',
  'chua thuong xuyen',
  'chua hoan thien',
  'chua hoan chinh',
  'chua het',
  'chi co',
  'mot so',
  'hau nhu khong',
];

/** The officer's own verdict ("chưa đạt", "(đạt)"), kept apart from the computed one. */
export const NOT_MET_MARKS = ['chua dat', 'khong dat', 'van chua dat'];

/** Words that may stand before a figure without changing it ("tỷ lệ đạt: 85%", "hiện nay mới chỉ"). */
export const FILLERS = [
  'ty le',
  'ti le',
  'hien nay',
  'hien tai',
  'moi chi',
  'moi',
  'chi',
  'da',
  'dat',
  'duoc',
  'co',
  'la',
  'cung',
  'ket qua',
  'so',
  'tong so',
];

/** A hedge before a figure and what it means: strictly below, below but close, strictly above, at least, at most, about. */
export const HEDGES: ReadonlyArray<
  readonly [string, 'below' | 'near' | 'above' | 'atLeast' | 'atMost' | 'about']
> = [
  ['duoi', 'below'],
  ['chua toi', 'below'],
  ['chua den', 'below'],
  ['chua duoc', 'below'],
  ['it hon', 'below'],
  ['khong den', 'below'],
  ['<', 'below'],
  ['gan', 'near'],
  ['gan nhu', 'near'],
  ['suyt', 'near'],
  ['tren', 'above'],
  ['hon', 'above'],
  ['nhieu hon', 'above'],
  ['vuot', 'above'],
  ['>', 'above'],
  ['it nhat', 'atLeast'],
  ['toi thieu', 'atLeast'],
  ['>=', 'atLeast'],
  ['≥', 'atLeast'],
  ['khong qua', 'atMost'],
  ['toi da', 'atMost'],
  ['<=', 'atMost'],
  ['≤', 'atMost'],
  ['khoang', 'about'],
  ['tam', 'about'],
  ['xap xi', 'about'],
  ['uoc tinh', 'about'],
  ['uoc dat', 'about'],
  ['uoc', 'about'],
  ['chung', 'about'],
  ['~', 'about'],
  ['≈', 'about'],
];

/** Words that make a figure the target being quoted ("không đạt chỉ tiêu được giao 30%"), not the result. */
export const TARGET_MARKS = [
  'chi tieu',
  'chi tieu giao',
  'chi tieu duoc giao',
  'yeu cau',
  'yeu cau tieu chi',
  'muc tieu',
  'phai dat',
  'theo chi tieu',
  'ke hoach',
];

/** Phrases that give a count of zero: "chưa có doanh nghiệp nào sử dụng…". */
export const ZERO_PHRASE = /(?:^| )(?:chua|khong) (?:co )?(?:[a-z]+ ){0,4}nao(?= |$)/;

/** A proposal, as the seeds begin theirs ("Đề nghị BCĐ huyện…", "đề xuất…", "kiến nghị…"). */
export const PROPOSAL_MARKS = ['de nghi', 'de xuat', 'kien nghi', 'xin', 'mong', 'can ho tro', 'ho tro'];

/**
 * Questions: a sentence ending in "?" after words, or one of these phrases anywhere. Vietnamese asks
 * with question words, not word order: "là gì", "thế nào", "làm sao", "có phải … không".
 */
export const QUESTION_PHRASES = [
  'la gi',
  'nghia la',
  'co nghia',
  'the nao',
  'nhu nao',
  'lam sao',
  'lam the nao',
  'lam gi',
  'khong hieu',
  'chua hieu',
  'giai thich',
  'huong dan tieu chi',
  'huong dan cach',
  'cach tinh',
  'cach tra loi',
  'cach lam',
  'tinh nhu',
  'co phai',
  'phai khong',
  'duoc khong',
  'bao nhieu',
  'tai sao',
  'vi sao',
  'nhap gi',
  'ghi gi',
  'tra loi gi',
  'y nghia',
];
