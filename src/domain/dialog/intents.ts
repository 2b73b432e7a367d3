import { distance } from 'fastest-levenshtein';
import { cleanText, fold, foldWords } from '../answers/normalize.js';
import { isQuestion } from '../answers/words.js';
import { findPeriod, type Period } from '../periods/periods.js';

/** A command an officer can give at any point of the conversation. */
export type Command =
  | { type: 'report'; period?: Period }
  | { type: 'gaps'; period?: Period }
  | { type: 'progress'; period?: Period }
  | { type: 'deadline' }
  | { type: 'help' }
  | { type: 'greeting' }
  | { type: 'edit'; code?: string; letter?: string; rest?: string }
  | { type: 'stop' }
  | { type: 'skip' }
  | { type: 'back' }
  | { type: 'link' }
  | { type: 'reminders'; action: 'show' | 'on' | 'off' | 'snooze' }
  | { type: 'submit'; period?: Period }
  | { type: 'export'; format: 'docx' | 'xlsx'; period?: Period }
  | { type: 'difficulties'; period?: Period }
  | { type: 'supervisor_only' }
  | { type: 'history' }
  /** "giải thích 3.12", "tiêu chí 2.5 là gì?", a question about the open criterion: the criterion card. */
  | { type: 'explain'; code?: string; letter?: string };

interface CommandPattern {
  /** Folded phrases, matched against the whole message (after any period is taken out). */
  phrases: string[];
  /** Slash commands (Telegram menu, typed elsewhere). */
  slash: string[];
  make: (period?: Period) => Command;
  /** Weak phrases are also answers ("chưa đạt", "?"): while a question waits they are read as answers. */
  weak?: string[];
  takesPeriod?: boolean;
}

const PATTERNS: CommandPattern[] = [
  {
    phrases: [
      'bao cao',
      'lam bao cao',
      'bat dau bao cao',
      'tiep tuc',
      'tiep tuc bao cao',
      'bc',
      'nhap bao cao',
      'lam bc',
      'bat dau',
    ],
    slash: ['baocao', 'report'],
    make: (period) => ({ type: 'report', ...(period ? { period } : {}) }),
    takesPeriod: true,
  },
  {
    phrases: [
      'tieu chi nao chua dat',
      'nhung tieu chi nao chua dat',
      'cac tieu chi chua dat',
      'tieu chi chua dat',
      'con thieu gi',
      'thieu gi',
      'con thieu tieu chi nao',
      'con gi chua dat',
      'gi chua dat',
      'xem chua dat',
      'bao cao chua dat',
    ],
    weak: ['chua dat'],
    slash: ['chuadat', 'gaps'],
    make: (period) => ({ type: 'gaps', ...(period ? { period } : {}) }),
    takesPeriod: true,
  },
  {
    phrases: ['tien do', 'xem tien do', 'da lam duoc bao nhieu', 'tien do bao cao'],
    slash: ['tiendo', 'progress'],
    make: (period) => ({ type: 'progress', ...(period ? { period } : {}) }),
    takesPeriod: true,
  },
  {
    phrases: [
      'han nop',
      'han chot',
      'han bao cao',
      'khi nao nop',
      'bao gio nop',
      'han nop bao cao',
      'han',
      'khi nao het han',
      'bao gio het han',
      'het han khi nao',
      'het han bao gio',
      'han cuoi',
      'han cuoi khi nao',
      'khi nao phai nop',
      'bao gio phai nop',
    ],
    slash: ['hanchot', 'deadline'],
    make: () => ({ type: 'deadline' }),
  },
  {
    phrases: ['huong dan', 'help', 'tro giup', 'giup', 'giup do', 'menu', 'lenh', 'cac lenh'],
    weak: ['?'],
    slash: ['huongdan', 'help'],
    make: () => ({ type: 'help' }),
  },
  {
    phrases: ['xin chao', 'chao', 'hello', 'hi', 'alo', 'chao ban', 'chao bot'],
    slash: ['start'],
    make: () => ({ type: 'greeting' }),
  },
  {
    phrases: ['dung', 'tam dung', 'dung lai', 'thoi', 'stop', 'ket thuc', 'nghi'],
    slash: ['dung', 'stop'],
    make: () => ({ type: 'stop' }),
  },
  {
    phrases: ['bo qua', 'bq', 'skip', 'qua', 'de sau'],
    slash: ['boqua', 'skip'],
    make: () => ({ type: 'skip' }),
  },
  {
    phrases: ['lich su', 'lich su bao cao', 'cac ky truoc', 'ky truoc'],
    slash: ['lichsu'],
    make: () => ({ type: 'history' }),
  },
  {
    phrases: ['tong hop', 'mo khoa', 'tong hop bao cao'],
    slash: ['tonghop', 'mokhoa'],
    make: () => ({ type: 'supervisor_only' }),
  },
  {
    phrases: ['nop bao cao', 'nop', 'gui bao cao', 'nop bao cao ngay'],
    slash: ['nop', 'nopbaocao', 'submit'],
    make: (period) => ({ type: 'submit', ...(period ? { period } : {}) }),
    takesPeriod: true,
  },
  {
    phrases: ['xuat bao cao', 'xuat', 'xuat file', 'xuat phu luc', 'tai bao cao', 'xuat word', 'xuat docx'],
    slash: ['xuat', 'export'],
    make: (period) => ({ type: 'export', format: 'docx', ...(period ? { period } : {}) }),
    takesPeriod: true,
  },
  {
    phrases: [
      'xuat excel',
      'xuat xlsx',
      'xuat bang tinh',
      'excel',
      'file excel',
      'tai excel',
      'xuat file excel',
    ],
    slash: ['xuatexcel'],
    make: (period) => ({ type: 'export', format: 'xlsx', ...(period ? { period } : {}) }),
    takesPeriod: true,
  },
  {
    phrases: ['kho khan', 'bao cao kho khan', 'kho khan de xuat', 'kho khan vuong mac', 'xuat kho khan'],
    slash: ['khokhan'],
    make: (period) => ({ type: 'difficulties', ...(period ? { period } : {}) }),
    takesPeriod: true,
  },
  {
    phrases: ['nhac nho', 'cai dat nhac nho', 'xem nhac nho', 'lich nhac'],
    slash: ['nhacnho'],
    make: () => ({ type: 'reminders', action: 'show' }),
  },
  {
    phrases: ['tat nhac nho', 'tat nhac', 'khong nhac nua', 'dung nhac', 'dung nhac nho'],
    slash: ['tatnhacnho'],
    make: () => ({ type: 'reminders', action: 'off' }),
  },
  {
    phrases: ['bat nhac nho', 'bat nhac', 'mo nhac nho', 'bat lai nhac nho'],
    slash: ['batnhacnho'],
    make: () => ({ type: 'reminders', action: 'on' }),
  },
  {
    phrases: ['nhac lai sau', 'nhac sau', 'de mai nhac', 'mai nhac lai', 'nhac lai mai'],
    slash: ['nhaclaisau'],
    make: () => ({ type: 'reminders', action: 'snooze' }),
  },
  {
    phrases: ['lien ket', 'lien ket tai khoan', 'ket noi tai khoan', 'ma lien ket', 'link'],
    slash: ['lienket', 'link'],
    make: () => ({ type: 'link' }),
  },
  {
    phrases: ['quay lai', 'lui lai', 'back', 'cau truoc'],
    slash: ['quaylai', 'back'],
    make: () => ({ type: 'back' }),
  },
];

const EDIT = /^\/?(?:sua|chinh sua|sua lai|edit)(?:@\w+)?(?:\s+(.*))?$/;

/** "giải thích 3.12", "xem tiêu chí 2.5", "hướng dẫn tiêu chí 1.4", "/giaithich 2.5". */
const EXPLAIN =
  /^\/?(?:giai thich|giaithich|xem|huong dan|chi tiet|hoi ve|hoi)(?: tieu chi| chi tieu| muc)?(?: (\d+(?:\.\d{1,2})+)\s*([a-zđ](?![\p{L}]))?\)?)?\s*\??$/u;
/** A criterion code anywhere in a question: "tiêu chí 2.5 là gì?", "làm sao để đạt 3.12?". */
const CODE_IN_TEXT = /(?:^|[^\d.])(\d+(?:\.\d{1,2})+)\s*([a-zđ](?![\p{L}]))?/u;

/** Longer messages are never commands mistyped (and the distance would cost too much). */
const FUZZY_MAX_LENGTH = 40;

/** Phrases close enough to a command to be that command: "baocao", "xuat exel", "tien đo". */
function fuzzyCommand(
  bare: string,
  waitingForAnswer: boolean,
  period: Period | undefined,
): Command | undefined {
  const squeezed = bare.replace(/ /g, '');
  if (squeezed.length < 5 || squeezed.length > FUZZY_MAX_LENGTH) return undefined;
  let best: { p: CommandPattern; d: number } | undefined;
  for (const p of PATTERNS) {
    if (period && !p.takesPeriod) continue;
    for (const phrase of p.phrases) {
      const target = phrase.replace(/ /g, '');
      // Short phrases must be typed exactly; while a question waits, only long ones forgive a typo.
      if (target.length < (waitingForAnswer ? 7 : 5)) continue;
      const allowed = waitingForAnswer ? 1 : target.length >= 9 ? 2 : 1;
      const d = distance(squeezed, target);
      if (d <= allowed && (!best || d < best.d)) best = { p, d };
    }
  }
  return best?.p.make(period);
}

/**
 * Recognises a command. `waitingForAnswer` makes weak phrases ("chưa đạt", "?") count as answers
 * instead, because those words answer a yes/no question.
 */
export function parseCommand(text: string, now: Date, waitingForAnswer: boolean): Command | undefined {
  const cleaned = cleanText(text);
  const folded = fold(cleaned);
  const slash = /^\/([a-z_]+)(?:@\w+)?(?:\s+(.*))?$/.exec(folded);

  const edit = EDIT.exec(folded.replace(/[?.!]+$/, ''));
  if (edit) {
    const arg = cleanText(cleaned.replace(/^\/?(?:chỉnh\s+|chinh\s+)?\S+(?:\s+(?:lại|lai)(?=\s|$))?/iu, ''));
    const m = /^(\d+(?:\.\d+)+)\s*\.?\s*([a-zđ](?![\p{L}]))?\)?\s*[:=]?\s*(.*)$/iu.exec(arg);
    if (m) {
      return {
        type: 'edit',
        code: m[1] ?? '',
        ...(m[2] ? { letter: m[2].toLowerCase() } : {}),
        ...(m[3] ? { rest: m[3] } : {}),
      };
    }
    if (edit[1] && /^\d/.test(edit[1])) return { type: 'edit', code: edit[1].split(/\s/)[0] ?? '' };
    return { type: 'edit' };
  }

  for (const p of PATTERNS) {
    if (slash && p.slash.includes(slash[1] ?? '')) {
      const period = p.takesPeriod && slash[2] ? findPeriod(slash[2], now)?.period : undefined;
      const made = p.make(period);
      if (made.type === 'export' && /excel|xlsx/.test(slash[2] ?? '')) return { ...made, format: 'xlsx' };
      return made;
    }
  }
  if (slash) return undefined;

  let words = foldWords(cleaned).replace(/[?]+$/, '').trim();
  let period: Period | undefined;
  const found = findPeriod(cleaned, now);
  if (found) {
    period = found.period;
    words = found.rest.replace(/[?]+$/, '').trim();
  }
  // "đúng" (correct) and "dừng" (stop) fold alike: written with its marks, "đúng" is never "dừng".
  if (/^\s*đúng/iu.test(cleaned)) return undefined;
  for (const p of PATTERNS) {
    if (period && !p.takesPeriod) continue;
    if (p.phrases.includes(words)) return p.make(period);
    if (p.weak && !waitingForAnswer) {
      const bare = period ? words : fold(cleaned);
      if (p.weak.includes(bare) || p.weak.includes(words)) return p.make(period);
    }
  }
  const explain = explainCommand(cleaned);
  if (explain) return explain;
  return fuzzyCommand(words, waitingForAnswer, period);
}

/** A request for the criterion card, with the code it names, if any. */
function explainCommand(cleaned: string): Command | undefined {
  const folded = fold(cleaned).replace(/[?.!\s]+$/, '');
  const direct = EXPLAIN.exec(folded);
  if (direct) {
    return {
      type: 'explain',
      ...(direct[1] ? { code: direct[1] } : {}),
      ...(direct[2] ? { letter: direct[2] } : {}),
    };
  }
  if (!isQuestion(cleaned)) return undefined;
  const code = CODE_IN_TEXT.exec(folded);
  return {
    type: 'explain',
    ...(code?.[1] ? { code: code[1] } : {}),
    ...(code?.[2] ? { letter: code[2] } : {}),
  };
}
