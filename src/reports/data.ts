/**
 * Everything the documents say, computed from the answers (never from stored tallies) and worded
 * here: the builders only lay it out. Pure: the clock comes in as `now`, the unit's and province's
 * settings as `DocumentSettings`.
 */
import { formatPercent, formatViNumber } from '../domain/answers/normalize.js';
import type { Answer } from '../domain/answers/types.js';
import { type CommuneGroup, judgedOn } from '../domain/catalog/groups.js';
import { listQuestions } from '../domain/catalog/load.js';
import type { Criterion, Framework, Question } from '../domain/catalog/types.js';
import {
  type AnswerMap,
  applicableTotal,
  type CriterionEvaluation,
  evaluateFramework,
  type QuestionEvaluation,
  type RecordedAnswer,
  type Status,
  tally,
} from '../domain/evaluation/evaluate.js';
import { isScored, scoreFramework } from '../domain/evaluation/score.js';
import {
  type AnswerList,
  type AnswerSource,
  perFramework,
  statusesFor,
} from '../domain/evaluation/statuses.js';
import { formatDate, STATUS_LABEL, scoreLine, shorten, shortfallLabel } from '../domain/messages/format.js';
import { fromKey, vnDate } from '../domain/periods/periods.js';
import { fold, upper } from './common.js';
import type {
  AppendixData,
  AppendixRow,
  DifficultiesData,
  DifficultyItem,
  Letterhead,
  MatrixData,
  SigningBlock,
} from './types.js';

export interface UnitInfo {
  code: string;
  name: string;
  province: string;
}

/**
 * What a unit and its province have set for their documents (`units set`, `provinces set`); every
 * field may be missing, and then the document says what it can without it.
 */
export interface DocumentSettings {
  /** TM.: the signer signs for the People's Committee (TM. ỦY BAN NHÂN DÂN); KT.: a deputy signs for the chairman. */
  signerMode?: 'TM' | 'KT';
  /** The signer's office ("CHỦ TỊCH", "PHÓ CHỦ TỊCH"). */
  signerTitle?: string;
  signerName?: string;
  /** The place name of the date line ("Ái Thượng"). */
  placeName?: string;
  /** The district the commune belonged to before 1/7/2025, for the recipients of older periods. */
  district?: string;
  /** The province's recipients ("Kính gửi"), one each. */
  recipients?: string[];
  /** The province's căn cứ for the reports, one document each, cited in full. */
  basis?: string[];
}

// ---------------------------------------------------------------------------------------------
// Periods, names, places

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

/**
 * The period as reports name it: quarterly reports are cumulative, so the second quarter's is the
 * 6-month report and the third's the 9-month one ("9 tháng đầu năm 2022", seed 004); the first and
 * fourth are "quý I/2026", "quý IV/2026"; a year is "năm 2026".
 */
export function periodName(key: string): string {
  const p = fromKey(key);
  if (!p) return key;
  if (p.type === 'year') return `năm ${p.year}`;
  if (p.quarter === 2) return `6 tháng đầu năm ${p.year}`;
  if (p.quarter === 3) return `9 tháng đầu năm ${p.year}`;
  return `quý ${ROMAN[p.quarter - 1]}/${p.year}`;
}

/** The last day of a period, "YYYY-MM-DD". */
export function periodEnd(key: string): string {
  const p = fromKey(key);
  if (!p) return '9999-12-31';
  if (p.type === 'year') return `${p.year}-12-31`;
  const month = p.quarter * 3;
  const day = new Date(Date.UTC(p.year, month, 0)).getUTCDate();
  return `${p.year}-${String(month).padStart(2, '0')}-${day}`;
}

const UNIT_KINDS = ['thị trấn', 'đặc khu', 'phường', 'huyện', 'xã'] as const;

/** "Xã Ái Thượng" → kind "xã" and the proper name "Ái Thượng"; a name without its kind is a xã. */
export function unitNaming(name: string): {
  kind: string;
  proper: string;
  /** "xã Ái Thượng": mid-sentence, the kind in lower case. */
  inSentence: string;
  /** "Ủy ban nhân dân xã Ái Thượng" */
  agency: string;
  /** ["ỦY BAN NHÂN DÂN", "XÃ ÁI THƯỢNG"] */
  agencyLines: string[];
  /**
   * The place of the date line: the proper name ("Ái Thượng"), or the full name of a unit named by
   * a number ("Phường 3"), as Nghị định 30/2020/NĐ-CP, Phụ lục I, Mục II.4a requires.
   */
  place: string;
} {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  const lower = trimmed.toLocaleLowerCase('vi-VN');
  const kind = UNIT_KINDS.find((k) => lower.startsWith(`${k} `)) ?? 'xã';
  const proper = lower.startsWith(`${kind} `) ? trimmed.slice(kind.length + 1) : trimmed;
  const inSentence = `${kind} ${proper}`;
  const place = /^\d/.test(proper)
    ? `${kind.charAt(0).toLocaleUpperCase('vi-VN')}${kind.slice(1)} ${proper}`
    : proper;
  return {
    kind,
    proper,
    inSentence,
    agency: `Ủy ban nhân dân ${inSentence}`,
    agencyLines: ['ỦY BAN NHÂN DÂN', upper(inSentence)],
    place,
  };
}

/** The centrally-run cities since 1/7/2025: "thành phố Hà Nội", not "tỉnh Hà Nội". */
const CITIES = ['hà nội', 'hồ chí minh', 'hải phòng', 'đà nẵng', 'cần thơ', 'huế'];

/** "Thanh Hóa" → "tỉnh Thanh Hóa"; "Hà Nội" → "thành phố Hà Nội"; already prefixed names are kept. */
export function provinceInSentence(province: string): string {
  const p = province.trim();
  const lower = p.toLocaleLowerCase('vi-VN');
  if (lower.startsWith('tỉnh ')) return `tỉnh ${p.slice(5)}`;
  if (lower.startsWith('thành phố ')) return `thành phố ${p.slice(10)}`;
  return CITIES.includes(lower) ? `thành phố ${p}` : `tỉnh ${p}`;
}

/**
 * "Ái Thượng, ngày      tháng 11 năm 2026": the day is left blank for the day of signing, as the
 * seeds leave it; months 1 and 2 take a leading zero (Nghị định 30/2020/NĐ-CP, Phụ lục I, Mục II.4b).
 */
export function placeAndDate(place: string, now: Date): string {
  const { month, year } = vnDate(now);
  return `${place}, ngày      tháng ${month < 3 ? `0${month}` : month} năm ${year}`;
}

/** "Số:        /BC-UBND": BC is a báo cáo (Nghị định 30/2020/NĐ-CP, Phụ lục III, Mục I), the number left for the văn thư. */
export const REPORT_NUMBER = 'Số:        /BC-UBND';

export function letterhead(unit: UnitInfo, settings: DocumentSettings, now: Date): Letterhead {
  const naming = unitNaming(unit.name);
  return {
    agency: naming.agencyLines,
    number: REPORT_NUMBER,
    placeAndDate: placeAndDate(settings.placeName?.trim() || naming.place, now),
  };
}

/**
 * The quyền hạn and chức vụ of the signer (Nghị định 30/2020/NĐ-CP, Phụ lục I, Mục II.7b): "TM."
 * before the collective's name when the chairman signs for the People's Committee; "KT." before
 * the chairman's office when a deputy signs in his stead, as both seeds sign.
 */
export function signingBlock(settings: DocumentSettings): SigningBlock {
  const mode = settings.signerMode ?? 'TM';
  const title = settings.signerTitle?.trim() || (mode === 'TM' ? 'CHỦ TỊCH' : 'PHÓ CHỦ TỊCH');
  return {
    authority: mode === 'TM' ? 'TM. ỦY BAN NHÂN DÂN' : 'KT. CHỦ TỊCH',
    title: upper(title),
    name: settings.signerName?.trim() ?? '',
  };
}

/** What stands for the former district when the unit has not set it: to be written by hand. */
const DISTRICT_BLANK = '……………';

/**
 * Whom a report goes to. A period that ended before the framework's `recipientsBefore.date` keeps
 * the recipients of its time (the district, before the 2025 reform); otherwise the province's own
 * recipients when set, else the Sở Khoa học và Công nghệ, which since 2025 receives the communes'
 * digital-transformation reports (shared/notes/domain.md §3.4).
 */
export function recipients(
  fw: Framework,
  unit: UnitInfo,
  period: string,
  settings: DocumentSettings,
): string[] {
  const before = fw.recipientsBefore;
  if (before && periodEnd(period) < before.date) {
    const district = settings.district?.trim() || DISTRICT_BLANK;
    return before.recipients.map((r) => r.replaceAll('{huyện}', district));
  }
  const own = (settings.recipients ?? []).map((r) => r.trim()).filter((r) => r !== '');
  if (own.length > 0) return own;
  return [`Sở Khoa học và Công nghệ ${provinceInSentence(unit.province)}`];
}

/** The căn cứ of a report: the province's documents, then the framework's decision, each cited in full. */
export function basisList(fw: Framework, settings: DocumentSettings): string[] {
  const own = (settings.basis ?? []).map((b) => b.trim().replace(/[;.]+$/, '')).filter((b) => b !== '');
  return fw.basis && !own.includes(fw.basis) ? [...own, fw.basis] : own;
}

/** "DỰ THẢO — còn 3 tiêu chí chưa trả lời", when some criterion has a question without an answer. */
export function draftMark(
  fw: Framework,
  answers: AnswerMap,
): { text: string; unanswered: number } | undefined {
  const open = new Set(
    listQuestions(fw)
      .filter((q) => !answers.has(q.key))
      .map((q) => q.criterion),
  );
  return open.size > 0
    ? { text: `DỰ THẢO — còn ${open.size} tiêu chí chưa trả lời`, unanswered: open.size }
    : undefined;
}

// ---------------------------------------------------------------------------------------------
// Results in words

const capitalise = (s: string) => (s === '' ? s : s.charAt(0).toLocaleUpperCase('vi-VN') + s.slice(1));

/** Ends a sentence written by the officer with a stop if it has none; case and words are kept. */
export function sentence(text: string): string {
  const t = text.trim().replace(/\s+$/, '');
  if (t === '') return t;
  return /[.!?…:;]$/.test(t) || t.endsWith('./.') ? t.replace(/[;:]$/, '.') : `${t}.`;
}

/**
 * An answer as a document states it, without the verdict: "25.031/37.389 hồ sơ, tỷ lệ 66,95%",
 * "khoảng 20%", "4 sản phẩm", "Có", the text as written; "" for a bare status (the verdict says it).
 */
function resultWords(q: Pick<Question, 'kind' | 'unit' | 'target'>, a: RecordedAnswer): string {
  const v = a.value;
  switch (v.type) {
    case 'number': {
      const approx = v.approximate ? 'khoảng ' : '';
      if (q.kind === 'count') return `${approx}${formatViNumber(v.value)}${q.unit ? ` ${q.unit}` : ''}`;
      if (v.numerator !== undefined && v.denominator !== undefined) {
        const counted = `${formatViNumber(v.numerator)}/${formatViNumber(v.denominator)}${q.unit ? ` ${q.unit}` : ''}`;
        return `${counted}, tỷ lệ ${approx}${formatPercent(v.value)}`;
      }
      return `${approx}${formatPercent(v.value)}`;
    }
    case 'yesno':
      // Answered in the words of the target: "Đạt" where the source asks "Đạt", else "Có".
      if (fold(q.target.text) === 'dat') return v.yes ? 'Đạt' : 'Chưa đạt';
      return v.yes ? 'Có' : 'Không';
    case 'text':
      return v.text.trim();
    case 'status':
      return '';
  }
}

/** The verdict in brackets, with the officer's own when it differs: "(chưa đạt; xã tự đánh giá: đạt)". */
function verdict(ev: QuestionEvaluation, unitKind: string): string {
  const own = ev.disagrees && ev.declared ? `; ${unitKind} tự đánh giá: ${STATUS_LABEL[ev.declared]}` : '';
  return `(${STATUS_LABEL[ev.status]}${own})`;
}

/**
 * b) of one question: the result in words, the verdict in brackets, what is missing; or, for an
 * answer that is only a status, the status itself ("Đang thực hiện", "Chưa rõ").
 */
function resultLine(
  q: Question,
  a: RecordedAnswer | undefined,
  ev: QuestionEvaluation,
  unitKind: string,
): string {
  if (!a) return capitalise(STATUS_LABEL.unanswered);
  const words = resultWords(q, a);
  if (words === '') return capitalise(STATUS_LABEL[ev.status]);
  const missing = ev.shortfall ? `, ${shortfallLabel(ev.shortfall, q)}` : '';
  return `${capitalise(words)} ${verdict(ev, unitKind)}${missing}`;
}

/**
 * The appendix's result cell: the answer, and the officer's own verdict where it is the verdict (a
 * criterion without a threshold) or differs from the computed one; so that an import of the sheet
 * reads the same answer back.
 */
function resultCell(
  q: Question,
  a: RecordedAnswer | undefined,
  ev: QuestionEvaluation,
  unitKind: string,
): string {
  if (!a) return '';
  const words = resultWords(q, a);
  if (words === '') return capitalise(STATUS_LABEL[ev.status]);
  const pct =
    a.value.type === 'number' && a.value.numerator !== undefined && q.kind !== 'count'
      ? `${a.value.approximate ? 'khoảng ' : ''}${formatPercent(a.value.value)} (${formatViNumber(a.value.numerator)}/${formatViNumber(a.value.denominator ?? 0)}${q.unit ? ` ${q.unit}` : ''})`
      : capitalise(words);
  const shown = ev.declared && (ev.disagrees || q.target.op === 'self');
  const own = shown && ev.declared ? ` (${unitKind} tự đánh giá: ${STATUS_LABEL[ev.declared]})` : '';
  return `${pct}${own}`;
}

/** "8/20 điểm": a criterion's points in the appendix. */
function pointsOf(s: { points: number; max: number } | undefined): string {
  return s ? `${formatViNumber(s.points)}/${formatViNumber(s.max)} điểm` : '';
}

/** The khó khăn column of the appendix: the khó khăn, then "Đề xuất: …" on a line of its own. */
function difficultyCell(a: RecordedAnswer | undefined): string {
  const difficulty = a?.difficulty?.trim() ?? '';
  const proposal = a?.proposal?.trim() ?? '';
  return [difficulty, proposal === '' ? '' : `Đề xuất: ${proposal}`].filter((s) => s !== '').join('\n');
}

// ---------------------------------------------------------------------------------------------
// The appendix

/** The heading of an appendix (Phụ lục) row's status column, and of its other columns (seed 004). */
export const APPENDIX_COLUMNS = {
  code: 'TT',
  text: 'Nội dung tiêu chí đánh giá',
  target: 'Chỉ tiêu giao',
  status: 'Đánh giá',
  difficulty: 'Khó khăn; đề xuất',
} as const;

const LEVEL = { xa: 'cấp xã', huyen: 'cấp huyện', tinh: 'cấp tỉnh' } as const;

/** Which criteria: "Theo Quyết định số … ban hành …", or the set's name when no decision issued it. */
function basisLine(fw: Framework): string {
  if (fw.basis) return `Theo ${fw.basis}`;
  return `Bộ tiêu chí: ${fw.name}${fw.decision ? ` (${fw.decision})` : ''}`;
}

/** The appendix of one unit for one period, every figure computed from the answers. */
export function appendixData(
  fw: Framework,
  unit: UnitInfo,
  period: string,
  answers: AnswerMap,
  now: Date,
  settings: DocumentSettings = {},
): AppendixData {
  const naming = unitNaming(unit.name);
  const evaluations = evaluateFramework(fw, answers);
  const questions = listQuestions(fw);
  const name = periodName(period);
  const score = scoreFramework(fw, evaluations, answers);
  const groups = fw.groups.map((g, gi) => {
    const evs = evaluations.filter((e) => g.criteria.includes(e.criterion));
    const t = tally(evs);
    const gs = score?.groups[gi];
    const rows: AppendixRow[] = [];
    for (const ev of evs) {
      const own = questions.find((q) => q.criterion === ev.criterion && !q.part);
      const a = own ? answers.get(own.key) : undefined;
      rows.push({
        code: ev.criterion.code,
        text: ev.criterion.text,
        // Only the source's own target: none is printed where the source sets none.
        target: ev.criterion.target.text.trim(),
        result: own ? resultCell(own, a, ev, naming.kind) : '',
        status: capitalise(STATUS_LABEL[ev.status]),
        difficulty: difficultyCell(a),
        ...(score?.criteria.get(ev.criterion.code)
          ? { points: pointsOf(score.criteria.get(ev.criterion.code)) }
          : {}),
      });
      for (const part of ev.parts ?? []) {
        const q = questions.find((x) => x.key === part.key);
        if (!q) continue;
        const pa = answers.get(part.key);
        rows.push({
          code: q.key,
          text: `${q.part?.code ?? ''}) ${q.text}`,
          target: q.target.text.trim(),
          result: resultCell(q, pa, part, naming.kind),
          status: capitalise(STATUS_LABEL[part.status]),
          difficulty: difficultyCell(pa),
          isPart: true,
        });
      }
    }
    const points = gs ? ` · ${formatViNumber(gs.points)}/${formatViNumber(gs.max)} điểm` : '';
    return { code: g.code, name: g.name, subtotal: `${t.met}/${applicableTotal(t)}${points}`, rows };
  });
  const t = tally(evaluations);
  const applicable = applicableTotal(t);
  const d = vnDate(now);
  const draft = draftMark(fw, answers);
  const heading = `Kết quả thực hiện tiêu chí chuyển đổi số ${LEVEL[fw.level]} ${name}`;
  return {
    title: `Phụ lục - ${heading} - ${unit.name}`,
    number: 'I',
    heading: upper(heading),
    attachedTo: `(Kèm theo Báo cáo số      /BC-UBND ngày      tháng ${d.month < 3 ? `0${d.month}` : d.month} năm ${d.year} của ${naming.agency})`,
    basisLine: basisLine(fw),
    unit,
    period,
    periodName: name,
    framework: { id: fw.id, name: fw.name, decision: fw.decision ?? null },
    headings: { ...APPENDIX_COLUMNS, result: `Kết quả ${name}` },
    groups,
    footer: {
      total: t.total,
      met: t.met,
      applicable,
      remaining: applicable - t.met,
      ...(score ? { score: scoreLine(score) } : {}),
    },
    placeAndDate: letterhead(unit, settings, now).placeAndDate,
    signer: signingBlock(settings),
    ...(draft ? { draft: draft.text } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// The difficulties report

/** The statuses the difficulties report speaks of: everything answered but not met. */
const REPORTED: ReadonlySet<Status> = new Set(['not_met', 'in_progress', 'unknown']);

function difficultyItem(
  ev: CriterionEvaluation,
  questions: Question[],
  answers: AnswerMap,
  unitKind: string,
): DifficultyItem {
  const c: Criterion = ev.criterion;
  const own = questions.find((q) => q.criterion === c && !q.part);
  if (own) {
    const a = answers.get(own.key);
    const difficulty = a?.difficulty?.trim() ?? '';
    return {
      code: c.code,
      text: c.text,
      requirement: c.target.text.trim() || 'không quy định',
      result: `${sentence(resultLine(own, a, ev, unitKind))}${difficulty === '' ? '' : ` ${sentence(difficulty)}`}`,
      proposal: a?.proposal?.trim() ?? '',
    };
  }
  // A composite: b) one line per sub-point; c) the sub-points' proposals together.
  const parts = (ev.parts ?? []).flatMap((p) => {
    const q = questions.find((x) => x.key === p.key);
    return q ? [{ q, p, a: answers.get(p.key) }] : [];
  });
  const letters = parts.map(({ q }) => q.part?.code ?? '').join(', ');
  return {
    code: c.code,
    text: c.text,
    requirement: parts.length > 0 ? `đáp ứng đủ các điều kiện (điểm ${letters})` : 'không quy định',
    result: `${capitalise(STATUS_LABEL[ev.status])}:`,
    resultLines: parts.map(({ q, p, a }) => {
      const difficulty = a?.difficulty?.trim() ?? '';
      // "Điểm a", not "a)": a), b), c) already mark the requirement, result and proposal.
      const line = `Điểm ${q.part?.code ?? ''}: ${q.text}: ${resultLine(q, a, p, unitKind)}`;
      return `- ${sentence(line)}${difficulty === '' ? '' : ` ${sentence(difficulty)}`}`;
    }),
    proposal: parts
      .map(({ a }) => a?.proposal?.trim() ?? '')
      .filter((s) => s !== '')
      .join('\n'),
  };
}

/** "2.5; 3.3; 3.6 và 3.12" */
function codeList(codes: string[]): string {
  return codes.length <= 1 ? (codes[0] ?? '') : `${codes.slice(0, -1).join('; ')} và ${codes.at(-1)}`;
}

/** The submission's general proposals, one a line, numbered "1. …" unless the officer numbered them. */
function numbered(text: string | undefined): string[] {
  const lines = (text ?? '')
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.every((l) => /^\d+[.)]\s/.test(l))) return lines.map(sentence);
  return lines.map((l, i) => `${i + 1}. ${sentence(l.replace(/^[-+•]\s*/, ''))}`);
}

/**
 * The difficulties report of seed 002: every criterion answered but not met (chưa đạt, đang thực
 * hiện, chưa rõ), group by group, with a) its requirement, b) the result, its verdict and the khó
 * khăn, c) the officer's đề xuất as written; then the general proposals of the submission.
 */
export function difficultiesData(
  fw: Framework,
  unit: UnitInfo,
  period: string,
  answers: AnswerMap,
  now: Date,
  settings: DocumentSettings = {},
  generalProposals?: string,
): DifficultiesData {
  const naming = unitNaming(unit.name);
  const evaluations = evaluateFramework(fw, answers);
  const questions = listQuestions(fw);
  const name = periodName(period);
  const groups = fw.groups
    .map((g) => ({
      g,
      evs: evaluations.filter((e) => g.criteria.includes(e.criterion) && REPORTED.has(e.status)),
    }))
    .filter((x) => x.evs.length > 0)
    .map(({ g, evs }, i) => ({
      heading: `${ROMAN[i] ?? i + 1}. NHÓM TIÊU CHÍ SỐ ${g.code}: ${upper(g.name)}`,
      items: evs.map((ev) => difficultyItem(ev, questions, answers, naming.kind)),
    }));
  const codes = groups.flatMap((g) => g.items.map((it) => it.code));
  const to = recipients(fw, unit, period, settings);
  const basis = basisList(fw, settings);
  const subject = `những khó khăn, vướng mắc và đề xuất, kiến nghị trong công tác thực hiện chuyển đổi số trên địa bàn ${naming.kind} ${name}`;
  const items = numbered(generalProposals);
  const count = codes.length < 10 ? `0${codes.length}` : String(codes.length);
  const besides =
    codes.length > 0
      ? `Bên cạnh ${count} khó khăn, vướng mắc thuộc ${codes.length > 1 ? 'các tiêu chí' : 'tiêu chí'} ${codeList(codes)} đã nêu ở trên, ${naming.agency}`
      : naming.agency;
  const draft = draftMark(fw, answers);
  return {
    letterhead: letterhead(unit, settings, now),
    kind: 'BÁO CÁO',
    summary: `Những khó khăn, vướng mắc và đề xuất, kiến nghị trong công tác thực hiện chuyển đổi số trên địa bàn ${naming.inSentence} ${name}`,
    recipients: to,
    intro:
      basis.length > 0
        ? `Thực hiện ${basis.join('; ')}, ${naming.agency} báo cáo ${subject} như sau:`
        : `${naming.agency} báo cáo ${subject} như sau:`,
    groups,
    proposals: {
      heading: `${ROMAN[groups.length] ?? groups.length + 1}. ĐỀ XUẤT, KIẾN NGHỊ`,
      intro:
        items.length > 0
          ? `${besides} đề xuất, kiến nghị một số nội dung sau:`
          : `${besides} không có đề xuất, kiến nghị nào khác.`,
      items,
    },
    closing: `Trên đây là báo cáo của ${naming.agency} về ${subject}, kính đề nghị ${to[0] ?? 'cấp trên'} quan tâm, chỉ đạo./.`,
    copyTo: ['Như trên;', 'Lưu: VT.'],
    signer: signingBlock(settings),
    ...(draft ? { draft: draft.text } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// The province's matrix

export interface MatrixUnit {
  unit: UnitInfo;
  /** The unit's NTM commune group: picks the targets that differ per group. */
  group?: CommuneGroup;
  /** By question key, or as the lists `loadPeriodAnswerLists` gives (cheaper for the whole province). */
  answers: AnswerSource;
  submitted?: Date;
}

/**
 * The matrix's units from what the bulk loaders give for one period: each unit's answers under
 * `frameworkId` and its submission if any (both by "unitId|frameworkId").
 */
export function matrixUnits(
  units: ReadonlyArray<{ id: number; code: string; name: string; province: string; group?: CommuneGroup }>,
  frameworkId: string,
  answers: ReadonlyMap<string, AnswerList>,
  submissions: ReadonlyMap<string, { submittedAt: Date }>,
): MatrixUnit[] {
  const none: AnswerList = { keys: [], answers: [] };
  return units.map((u) => {
    const sub = submissions.get(`${u.id}|${frameworkId}`);
    return {
      unit: { code: u.code, name: u.name, province: u.province },
      ...(u.group ? { group: u.group } : {}),
      answers: answers.get(`${u.id}|${frameworkId}`) ?? none,
      ...(sub ? { submitted: sub.submittedAt } : {}),
    };
  });
}

/**
 * The matrix's title, the province on a line of its own so that a narrow page does not part its
 * name: "TỔNG HỢP KẾT QUẢ THỰC HIỆN TIÊU CHÍ CHUYỂN ĐỔI SỐ CẤP XÃ\nTỈNH THANH HÓA".
 */
export function matrixTitle(fw: Framework, province?: string): string {
  const where = province ? `\n${provinceInSentence(province)}` : '';
  return upper(`Tổng hợp kết quả thực hiện tiêu chí chuyển đổi số ${LEVEL[fw.level]}${where}`);
}

/**
 * Units × criteria of one framework and period, every cell a computed status: the statuses of
 * `evaluateFramework`, computed from a per-framework plan without an evaluation object per cell
 * (3,321 units × 37 criteria in a few milliseconds).
 */
export function matrixData(fw: Framework, period: string, units: MatrixUnit[], title: string): MatrixData {
  const groups = fw.groups.map((g) => ({
    code: g.code,
    name: g.name,
    criteria: g.criteria.map((c) => ({
      code: c.code,
      text: c.text,
      short: shorten(c.text, 60),
      target: c.target.text.trim(),
    })),
  }));
  // Each commune group is judged on its own targets (the same statuses when none differ).
  const judge = perFramework(statusesFor);
  const statusesOfGroup = (group: CommuneGroup | undefined) => judge(judgedOn(fw, group, period));
  const scored = isScored(fw);
  const scoreOf = (answers: AnswerSource, group: CommuneGroup | undefined): string | undefined => {
    if (!scored) return undefined;
    const map: AnswerMap =
      answers instanceof Map
        ? answers
        : new Map(
            (answers as AnswerList).keys.map((k, i) => [k, (answers as AnswerList).answers[i] as Answer]),
          );
    const judged = judgedOn(fw, group, period);
    const s = scoreFramework(judged, evaluateFramework(judged, map), map);
    return s ? scoreLine(s).replace(/^Điểm: /, '') : undefined;
  };
  return {
    ...(scored ? { scored: true } : {}),
    title,
    subtitle: basisLine(fw),
    framework: { id: fw.id, name: fw.name },
    period,
    periodName: periodName(period),
    groups,
    criteria: groups.flatMap((g) => g.criteria.map(({ code, text }) => ({ code, text }))),
    units: units.map(({ unit, answers, submitted, group }) => {
      const { statuses, met, applicable } = statusesOfGroup(group)(answers);
      return {
        code: unit.code,
        name: unit.name,
        submitted: submitted ? formatDate(submitted) : '',
        statuses,
        met,
        applicable,
        ...(scored ? { score: scoreOf(answers, group) ?? '' } : {}),
      };
    }),
  };
}
