import { cleanText, fold, foldWords } from '../answers/normalize.js';
import type { Framework, Question } from '../catalog/types.js';
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
  | { type: 'history' };

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
    phrases: ['han nop', 'han chot', 'han bao cao', 'khi nao nop', 'bao gio nop', 'han nop bao cao', 'han'],
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
    phrases: ['xuat excel', 'xuat xlsx', 'xuat bang tinh'],
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
  for (const p of PATTERNS) {
    if (period && !p.takesPeriod) continue;
    if (p.phrases.includes(words)) return p.make(period);
    if (p.weak && !waitingForAnswer) {
      const bare = period ? words : fold(cleaned);
      if (p.weak.includes(bare) || p.weak.includes(words)) return p.make(period);
    }
  }
  return undefined;
}

/** A question found by a code typed by the officer: "1.4", "8.3" + "a", "2.1" (an alias). */
export type CodeLookup =
  | { type: 'question'; question: Question; letterUnused: boolean }
  | { type: 'composite'; code: string; letters: string[] }
  | { type: 'unknown'; code: string };

/**
 * Resolves a typed code against a framework (codes are strings: "1.10" is not "1.1").
 * A letter after a code that has no sub-points is reported back as unused: it began the answer.
 */
export function lookupCode(
  fw: Framework,
  questions: readonly Question[],
  code: string,
  letter?: string,
): CodeLookup {
  const criterion = fw.groups
    .flatMap((g) => g.criteria)
    .find((c) => c.code === code || (c.aliases ?? []).includes(code));
  if (!criterion) return { type: 'unknown', code: `${code}${letter ?? ''}` };
  if (criterion.kind === 'composite') {
    const letters = (criterion.parts ?? []).map((p) => p.code);
    const q = letter ? questions.find((x) => x.key === `${criterion.code}${letter}`) : undefined;
    return q
      ? { type: 'question', question: q, letterUnused: false }
      : { type: 'composite', code: criterion.code, letters };
  }
  const q = questions.find((x) => x.key === criterion.code);
  return q ? { type: 'question', question: q, letterUnused: Boolean(letter) } : { type: 'unknown', code };
}

/** One "code answer" pair of a multi-answer message. */
export interface BulkItem {
  code: string;
  /** A sub-point letter typed after the code; it may instead be the start of the answer ("1.5 k"). */
  letter?: string;
  text: string;
}

const BULK_LINE = /^(\d+(?:\.\d+)+)(?:\s*\.?\s*([a-zđ])\))?(?:\s*([a-zđ])(?=[\s:=\-–]))?[\s:=\-–]+(.+)$/iu;

/**
 * Splits "1.1 100; 1.2 95; 1.4 25.031/37.389" (or one pair per line) into pairs.
 * Returns undefined when the message does not start with a code followed by an answer.
 */
export function splitBulk(text: string): { items: BulkItem[]; stray: string[] } | undefined {
  const segments = cleanText(text)
    .split(/[;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (segments.length === 0) return undefined;
  const first = BULK_LINE.exec(segments[0] ?? '');
  if (!first || /^%/.test(first[4] ?? '')) return undefined;
  const items: BulkItem[] = [];
  const stray: string[] = [];
  for (const seg of segments) {
    const m = BULK_LINE.exec(seg);
    if (!m || /^%/.test(m[4] ?? '')) {
      stray.push(seg);
      continue;
    }
    const letter = (m[2] ?? m[3])?.toLowerCase();
    items.push({ code: m[1] ?? '', ...(letter ? { letter } : {}), text: (m[4] ?? '').trim() });
  }
  return { items, stray };
}

/** Numbered choices of a yes/no question, in order: the digit typed maps to the same words. */
export const YES_NO_CHOICES = [
  { label: 'Có', input: 'có' },
  { label: 'Không', input: 'không' },
  { label: 'Đang thực hiện', input: 'đang thực hiện' },
  { label: 'Chưa rõ', input: 'chưa rõ' },
] as const;
