import { cleanText, foldWords, startsWithPhrase } from '../answers/normalize.js';
import { MAX_ANSWER_LENGTH, parseAnswer, parseYesNo } from '../answers/parse.js';
import type { Answer } from '../answers/types.js';
import type { Framework, Question } from '../catalog/types.js';
import {
  type AnswerMap,
  applicableTotal,
  evaluateAnswer,
  evaluateFramework,
  type RecordedAnswer,
  tally,
} from '../evaluation/evaluate.js';
import { answerLabel, shortfallLabel, targetLabel } from '../messages/format.js';
import { vi } from '../messages/vi.js';
import { type CalendarConfig, daysLeft, deadlineFor, upcomingDeadlines } from '../periods/deadlines.js';
import {
  currentQuarter,
  findPeriod,
  fromKey,
  isAfter,
  type Period,
  type PeriodKey,
  periodKey,
  previousPeriod,
} from '../periods/periods.js';
import type { Deadline } from '../reminders/calendar.js';
import { nextReminder, progressOf, snoozeUntil } from '../reminders/plan.js';
import { buildGapReport } from '../report/gaps.js';
import { type Command, lookupCode, parseCommand, splitBulk, YES_NO_CHOICES } from './intents.js';
import type { DialogState, Mode, Purpose } from './state.js';

/** A one-tap choice; `input` is exactly what typing the choice would send. */
export interface Choice {
  label: string;
  input: string;
  /** Numbered choices are also accepted as their digit ("1" for the first) on every channel. */
  numbered?: boolean;
}

/** A document the engine makes and attaches to a reply (the official appendix, the difficulties report). */
export interface DocumentRequest {
  kind: 'appendix' | 'difficulties';
  format: 'docx' | 'xlsx';
  period: PeriodKey;
  /** The unit, when a supervisor asks for another unit's document. */
  unitCode?: string;
}

/** A file ready to send: channels that can send files send it, others offer a link or the text. */
export interface ReplyFile {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
}

/** A message to the officer; channels render `choices` as buttons or as a numbered line. */
export interface Reply {
  text: string;
  choices?: Choice[];
  /** Asks the engine to make a document for this reply. */
  document?: DocumentRequest;
  /** The document, once made. */
  file?: ReplyFile;
}

/** Where a unit's report for a period stands with the province. */
export interface SubmissionState {
  submittedAt: Date;
  locked: boolean;
  onTime: boolean;
}

/** What a messenger can send besides text. */
export type AttachmentKind =
  | 'photo'
  | 'document'
  | 'sticker'
  | 'voice'
  | 'video'
  | 'location'
  | 'contact'
  | 'unsupported';

/** One incoming message: typed text (or a tapped choice, which is the same text), or an attachment. */
export type Inbound =
  | { type: 'text'; text: string }
  | { type: 'attachment'; kind: AttachmentKind; ref?: string; caption?: string; fileName?: string };

/** A write the engine performs, in one transaction with the new dialog state. */
export type Effect =
  | { type: 'save_answer'; period: PeriodKey; key: string; answer: Answer; raw: string }
  | { type: 'save_difficulty'; period: PeriodKey; key: string; text: string }
  | {
      type: 'save_evidence';
      period: PeriodKey;
      key: string;
      kind: AttachmentKind;
      ref: string;
      caption?: string;
      fileName?: string;
    }
  | { type: 'create_link_code'; code: string; expiresAt: Date }
  | { type: 'submit'; period: PeriodKey; dueAt?: Date }
  | { type: 'set_reminders'; enabled: boolean }
  | { type: 'snooze_reminders'; until: Date };

/** How long a code for linking a second messenger account stays valid. */
export const LINK_CODE_MINUTES = 30;

/** Everything `step` may know besides the state and the message; the engine loads it. */
export interface StepContext {
  now: Date;
  framework: Framework;
  questions: Question[];
  unit: { code: string; name: string; province: string };
  /** Answers by period key, for every period `periodsNeeded` named. */
  answers: ReadonlyMap<PeriodKey, AnswerMap>;
  /** How many pieces of evidence (minh chứng) each question has, by period key. */
  evidence?: ReadonlyMap<PeriodKey, ReadonlyMap<string, number>>;
  calendar: CalendarConfig;
  /** A fresh random code the step may hand out (account linking); the engine draws it. */
  newCode?: string;
  /** When a period's report is due for this unit (for on-time statistics). */
  dueOf?: (period: PeriodKey) => Date | undefined;
  /** The unit's reported periods and those of units merged into it, worded (loaded for "lịch sử"). */
  history?: string;
  /** Submitted periods of the unit (a locked one refuses changes). */
  submissions?: ReadonlyMap<PeriodKey, SubmissionState>;
  /** The officer's reminder settings and the deadlines that concern their unit. */
  reminders?: { enabled: boolean; snoozedUntil?: Date; deadlines: Deadline[] };
}

export interface StepResult {
  state: DialogState;
  replies: Reply[];
  effects: Effect[];
}

const DIFFICULTY_SKIP = [
  'khong',
  'k',
  'ko',
  'khong co',
  'ko co',
  'k co',
  'khong co gi',
  'chua co',
  'bo qua',
  'ko co gi',
];

const NAV_CHOICES: Choice[] = [
  { label: 'Bỏ qua', input: 'bỏ qua' },
  { label: 'Quay lại', input: 'quay lại' },
  { label: 'Dừng', input: 'dừng' },
];
const STATUS_CHOICES: Choice[] = [
  { label: 'Đang thực hiện', input: 'đang thực hiện' },
  { label: 'Chưa rõ', input: 'chưa rõ' },
];

/** The periods whose answers `step` may need for this message: the engine loads exactly these. */
export function periodsNeeded(state: DialogState, text: string, now: Date): PeriodKey[] {
  const periods: Period[] = [currentQuarter(now), { type: 'year', year: currentQuarter(now).year }];
  const fromState = [state.walk?.period, 'period' in state.mode ? state.mode.period : undefined];
  for (const key of fromState) {
    const p = key ? fromKey(key) : undefined;
    if (p) periods.push(p);
  }
  const mentioned = findPeriod(text, now);
  if (mentioned) periods.push(mentioned.period);
  const keys = new Set<PeriodKey>();
  for (const p of periods) {
    keys.add(periodKey(p));
    keys.add(periodKey(previousPeriod(p)));
  }
  return [...keys];
}

/** Collects replies and effects, and keeps the answers as they will be after the effects. */
class Turn {
  readonly replies: Reply[] = [];
  readonly effects: Effect[] = [];
  private readonly overlay = new Map<PeriodKey, Map<string, RecordedAnswer>>();

  constructor(readonly ctx: StepContext) {}

  say(text: string, choices?: Choice[]): void {
    this.replies.push(choices && choices.length > 0 ? { text, choices } : { text });
  }

  /** Whether the period's report was submitted and not unlocked: no change may be written. */
  locked(period: PeriodKey): boolean {
    return this.ctx.submissions?.get(period)?.locked ?? false;
  }

  answers(period: PeriodKey): AnswerMap {
    let map = this.overlay.get(period);
    if (!map) {
      map = new Map(this.ctx.answers.get(period) ?? []);
      this.overlay.set(period, map);
    }
    return map;
  }

  saveAnswer(period: PeriodKey, key: string, answer: Answer, raw: string): void {
    const map = this.answers(period) as Map<string, RecordedAnswer>;
    map.set(key, {
      ...answer,
      raw,
      ...(map.get(key)?.difficulty ? { difficulty: map.get(key)?.difficulty } : {}),
    });
    this.effects.push({ type: 'save_answer', period, key, answer, raw });
  }

  saveDifficulty(period: PeriodKey, key: string, text: string): void {
    const map = this.answers(period) as Map<string, RecordedAnswer>;
    const current = map.get(key);
    if (current) map.set(key, { ...current, difficulty: text });
    this.effects.push({ type: 'save_difficulty', period, key, text });
  }
}

/**
 * The conversation as a pure function: the stored state and one message in, the new state,
 * the replies and the writes out. Never throws on user input; bad input is a polite reply.
 */
export function step(state: DialogState, input: string | Inbound, ctx: StepContext): StepResult {
  const turn = new Turn(ctx);
  const inbound: Inbound = typeof input === 'string' ? { type: 'text', text: input } : input;
  const next =
    inbound.type === 'text'
      ? handle(state, cleanText(inbound.text), turn)
      : onAttachment(state, inbound, turn);
  return { state: next, replies: turn.replies, effects: turn.effects };
}

/**
 * A photo or document sent while a criterion is being answered is kept as its evidence
 * (minh chứng); a caption starting with a code ("1.4 …") names the criterion. Anything else
 * gets a short reply saying what to send.
 */
function onAttachment(
  state: DialogState,
  input: Extract<Inbound, { type: 'attachment' }>,
  turn: Turn,
): DialogState {
  const { ctx } = turn;
  if (input.kind === 'unsupported') {
    turn.say(vi.unsupportedContent());
    return state;
  }
  if ((input.kind !== 'photo' && input.kind !== 'document') || !input.ref) {
    turn.say(vi.textOnly());
    return state;
  }
  const mode = state.mode;
  let target: { period: PeriodKey; key: string } | undefined =
    mode.type === 'asking' || mode.type === 'difficulty' ? { period: mode.period, key: mode.key } : undefined;
  const codeInCaption = /^\s*(\d+(?:\.\d+)+)\s*([a-zđ](?![\p{L}]))?/iu.exec(input.caption ?? '');
  if (codeInCaption) {
    const found = lookupCode(
      ctx.framework,
      ctx.questions,
      codeInCaption[1] ?? '',
      codeInCaption[2]?.toLowerCase(),
    );
    if (found.type === 'question') target = { period: activePeriod(state, ctx), key: found.question.key };
  }
  if (!target) {
    turn.say(vi.evidenceWhere());
    return state;
  }
  if (turn.locked(target.period)) {
    turn.say(vi.locked(target.period));
    return state;
  }
  turn.effects.push({
    type: 'save_evidence',
    period: target.period,
    key: target.key,
    kind: input.kind,
    ref: input.ref,
    ...(input.caption ? { caption: cleanText(input.caption) } : {}),
    ...(input.fileName ? { fileName: input.fileName } : {}),
  });
  const count = (ctx.evidence?.get(target.period)?.get(target.key) ?? 0) + 1;
  turn.say(vi.evidenceSaved(target.key, count));
  reminderOfWaiting(state, turn);
  return state;
}

function handle(state: DialogState, text: string, turn: Turn): DialogState {
  const { ctx } = turn;
  const mode = state.mode;
  const waiting = mode.type === 'asking' || mode.type === 'difficulty';
  let message = text;

  if (mode.type === 'asking') {
    const q = questionByKey(ctx, mode.key);
    const choice =
      /^[1-9]$/.test(message) && q?.kind === 'yesno' ? YES_NO_CHOICES[Number(message) - 1] : undefined;
    if (choice) message = choice.input;
  }
  if (mode.type === 'confirm_submit' && /^[12]$/.test(message)) message = message === '1' ? 'có' : 'không';

  const command = parseCommand(message, ctx.now, waiting);
  if (command) return onCommand(state, command, turn);

  const bulk = splitBulk(message);
  if (bulk?.items.some((item) => lookupCode(ctx.framework, ctx.questions, item.code).type !== 'unknown')) {
    return onBulk(state, bulk, turn);
  }

  switch (mode.type) {
    case 'asking':
      return onAnswer(state, mode, message, turn);
    case 'difficulty':
      return onDifficulty(state, mode, message, turn);
    case 'confirm_submit':
      return onConfirmSubmit(state, mode, message, turn);
    case 'edit_pick': {
      const m = /^(\d+(?:\.\d+)+)\s*\.?\s*([a-zđ])?\)?$/iu.exec(message);
      if (m)
        return onCommand(state, { type: 'edit', code: m[1] ?? '', ...(m[2] ? { letter: m[2] } : {}) }, turn);
      turn.say(vi.editWhich());
      return state;
    }
    case 'idle':
      turn.say(vi.notUnderstood());
      return state;
  }
}

function questionByKey(ctx: StepContext, key: string): Question | undefined {
  return ctx.questions.find((q) => q.key === key);
}

/** The period commands refer to when none is named: the open question's, the walk's, or the current quarter. */
function activePeriod(state: DialogState, ctx: StepContext): PeriodKey {
  if ('period' in state.mode) return state.mode.period;
  if (state.walk) return state.walk.period;
  return periodKey(currentQuarter(ctx.now));
}

function isFuture(period: Period, ctx: StepContext): boolean {
  return (
    isAfter(period, currentQuarter(ctx.now)) &&
    !(period.type === 'year' && period.year === currentQuarter(ctx.now).year)
  );
}

function reminderOfWaiting(state: DialogState, turn: Turn): void {
  if (state.mode.type === 'asking' || state.mode.type === 'difficulty')
    turn.say(
      state.mode.type === 'difficulty'
        ? vi.stillWaitingDifficulty(state.mode.key)
        : vi.stillWaiting(state.mode.key),
    );
}

function onCommand(state: DialogState, cmd: Command, turn: Turn): DialogState {
  const { ctx } = turn;
  switch (cmd.type) {
    case 'report':
      return startWalk(state, cmd.period, turn);
    case 'gaps': {
      const period = cmd.period ? periodKey(cmd.period) : activePeriod(state, ctx);
      turn.say(
        vi.gapReport(
          buildGapReport(ctx.framework, ctx.unit, period, turn.answers(period), ctx.evidence?.get(period)),
        ),
      );
      reminderOfWaiting(state, turn);
      return state;
    }
    case 'progress': {
      const period = cmd.period ? periodKey(cmd.period) : activePeriod(state, ctx);
      const answers = turn.answers(period);
      const answered = ctx.questions.filter((q) => answers.has(q.key)).length;
      const t = tally(evaluateFramework(ctx.framework, answers));
      turn.say(vi.progress(period, answered, ctx.questions.length, t.met, applicableTotal(t), t.notMet));
      reminderOfWaiting(state, turn);
      return state;
    }
    case 'deadline': {
      turn.say(vi.deadlines(deadlinesFor(ctx), overdueFor(turn)));
      reminderOfWaiting(state, turn);
      return state;
    }
    case 'help':
      turn.say(vi.help());
      reminderOfWaiting(state, turn);
      return state;
    case 'greeting':
      if (state.mode.type === 'asking') {
        askQuestion(state.mode.period, state.mode.key, turn);
        return state;
      }
      turn.say(vi.greeting(ctx.unit.name));
      return state;
    case 'edit':
      return startEdit(state, cmd, turn);
    case 'stop':
      return stop(state, turn);
    case 'skip':
      return skip(state, turn);
    case 'back':
      return back(state, turn);
    case 'reminders':
      return onReminders(state, cmd.action, turn);
    case 'history':
      turn.say(ctx.history ?? vi.history(ctx.unit.name, []));
      reminderOfWaiting(state, turn);
      return state;
    case 'supervisor_only':
      turn.say(vi.supervisorOnly());
      reminderOfWaiting(state, turn);
      return state;
    case 'submit':
      return startSubmit(state, cmd.period ? periodKey(cmd.period) : activePeriod(state, ctx), turn);
    case 'export': {
      const period = cmd.period ? periodKey(cmd.period) : activePeriod(state, ctx);
      turn.replies.push({
        text: vi.exportReady(period, cmd.format),
        document: { kind: 'appendix', format: cmd.format, period },
      });
      reminderOfWaiting(state, turn);
      return state;
    }
    case 'difficulties': {
      const period = cmd.period ? periodKey(cmd.period) : activePeriod(state, ctx);
      const report = buildGapReport(
        ctx.framework,
        ctx.unit,
        period,
        turn.answers(period),
        ctx.evidence?.get(period),
      );
      turn.replies.push({
        text: vi.difficultiesText(report),
        ...(report.gaps.some((g) => g.status === 'not_met')
          ? { document: { kind: 'difficulties', format: 'docx', period } }
          : {}),
      });
      reminderOfWaiting(state, turn);
      return state;
    }
    case 'link': {
      if (!ctx.newCode) {
        turn.say(vi.notUnderstood());
        return state;
      }
      const expiresAt = new Date(ctx.now.getTime() + LINK_CODE_MINUTES * 60_000);
      turn.effects.push({ type: 'create_link_code', code: ctx.newCode, expiresAt });
      turn.say(vi.linkCode(ctx.newCode, LINK_CODE_MINUTES));
      reminderOfWaiting(state, turn);
      return state;
    }
  }
}

function firstUnanswered(
  ctx: StepContext,
  answers: AnswerMap,
  fromIndex: number,
  wrap: boolean,
): Question | undefined {
  const qs = ctx.questions;
  for (let i = fromIndex; i < qs.length; i++) {
    const q = qs[i];
    if (q && !answers.has(q.key)) return q;
  }
  if (!wrap) return undefined;
  for (let i = 0; i < Math.min(fromIndex, qs.length); i++) {
    const q = qs[i];
    if (q && !answers.has(q.key)) return q;
  }
  return undefined;
}

function indexOfKey(ctx: StepContext, key: string): number {
  return ctx.questions.findIndex((q) => q.key === key);
}

function startWalk(state: DialogState, requested: Period | undefined, turn: Turn): DialogState {
  const { ctx } = turn;
  const period =
    requested ?? (state.walk ? fromKey(state.walk.period) : undefined) ?? currentQuarter(ctx.now);
  if (isFuture(period, ctx)) {
    turn.say(vi.futurePeriod(periodKey(period)));
    return state;
  }
  const key = periodKey(period);
  if (turn.locked(key)) {
    turn.say(vi.locked(key));
    return { v: state.v, mode: { type: 'idle' } };
  }
  const answers = turn.answers(key);
  const resumeAt = state.walk && state.walk.period === key ? Math.max(indexOfKey(ctx, state.walk.key), 0) : 0;
  const q = firstUnanswered(ctx, answers, resumeAt, true);
  if (!q) {
    turn.say(vi.allAnswered(key, ctx.questions.length));
    return { v: state.v, mode: { type: 'idle' } };
  }
  const answered = ctx.questions.filter((x) => answers.has(x.key)).length;
  turn.say(`${vi.walkStart(key, ctx.unit.name, answered, ctx.questions.length)}\n${navHint()}`);
  askQuestion(key, q.key, turn);
  return {
    v: state.v,
    mode: { type: 'asking', purpose: 'walk', period: key, key: q.key },
    walk: { period: key, key: q.key, active: true },
  };
}

function navHint(): string {
  return 'Gõ "bỏ qua" để trả lời sau, "quay lại" để về câu trước, "dừng" để tạm dừng.';
}

function askQuestion(period: PeriodKey, key: string, turn: Turn): void {
  const { ctx } = turn;
  const index = indexOfKey(ctx, key);
  const q = ctx.questions[index];
  if (!q) return;
  const current = turn.answers(period).get(key);
  const prevPeriod = fromKey(period);
  const prevKey = prevPeriod ? periodKey(previousPeriod(prevPeriod)) : undefined;
  const prev = prevKey ? ctx.answers.get(prevKey)?.get(key) : undefined;
  const text = vi.question(
    q,
    index + 1,
    ctx.questions.length,
    current ? answerLabel(q, current) : undefined,
    prev && prevKey ? { period: prevKey, label: answerLabel(q, prev) } : undefined,
  );
  const choices: Choice[] =
    q.kind === 'yesno'
      ? [...YES_NO_CHOICES.map((c) => ({ ...c, numbered: true })), ...NAV_CHOICES]
      : [...STATUS_CHOICES, ...NAV_CHOICES];
  turn.say(text, choices);
}

function onAnswer(
  state: DialogState,
  mode: Extract<Mode, { type: 'asking' }>,
  text: string,
  turn: Turn,
): DialogState {
  const { ctx } = turn;
  const q = questionByKey(ctx, mode.key);
  if (!q) return { v: state.v, mode: { type: 'idle' } };
  return record(state, q, mode.period, mode.purpose, text, turn);
}

/** Parses, saves and echoes one answer, then asks for khó khăn or moves on. */
function record(
  state: DialogState,
  q: Question,
  period: PeriodKey,
  purpose: Purpose,
  text: string,
  turn: Turn,
): DialogState {
  if (turn.locked(period)) {
    turn.say(vi.locked(period));
    return { ...state, mode: { type: 'idle' } };
  }
  const parsed = parseAnswer(q, text);
  if (!parsed.ok) {
    turn.say(`${vi.refused(parsed.reason, q)}\n${vi.askAgain(q.key)}`);
    return { ...state, mode: { type: 'asking', purpose, period, key: q.key } };
  }
  turn.saveAnswer(period, q.key, parsed.answer, text);
  const ev = evaluateAnswer(q, parsed.answer);
  const extra = ev.shortfall ? shortfallLabel(ev.shortfall, q) : undefined;
  const lines = [vi.recorded(q.key, answerLabel(q, parsed.answer), ev.status, targetLabel(q), extra)];
  if (ev.disagrees && ev.declared) lines.push(vi.declaredDiffers(ev.declared));
  const needsGuidance = parsed.answer.value.type === 'status' && parsed.answer.value.needsGuidance;
  if (needsGuidance) lines.push(vi.guidance());
  turn.say(lines.join('\n'));
  if (ev.status === 'not_met' || needsGuidance) {
    turn.say(vi.askDifficulty(q.key), [{ label: 'Bỏ qua', input: 'bỏ qua' }]);
    return { ...state, mode: { type: 'difficulty', purpose, period, key: q.key } };
  }
  return advance(state, purpose, period, q.key, turn);
}

/** After an answer: the next unanswered question of a walk, or back to where an edit started. */
function advance(
  state: DialogState,
  purpose: Purpose,
  period: PeriodKey,
  fromKeyValue: string,
  turn: Turn,
): DialogState {
  if (purpose === 'edit') {
    if (state.walk?.active) return continueWalk(state, state.walk.period, state.walk.key, 0, turn);
    return { ...state, mode: { type: 'idle' } };
  }
  return continueWalk(state, period, fromKeyValue, 1, turn);
}

function continueWalk(
  state: DialogState,
  period: PeriodKey,
  key: string,
  offset: number,
  turn: Turn,
): DialogState {
  const { ctx } = turn;
  const answers = turn.answers(period);
  const q = firstUnanswered(ctx, answers, indexOfKey(ctx, key) + offset, false);
  if (q) {
    askQuestion(period, q.key, turn);
    return {
      v: state.v,
      mode: { type: 'asking', purpose: 'walk', period, key: q.key },
      walk: { period, key: q.key, active: true },
    };
  }
  const skipped = ctx.questions.filter((x) => !answers.has(x.key)).map((x) => x.key);
  const t = tally(evaluateFramework(ctx.framework, answers));
  turn.say(
    vi.walkDone(
      period,
      ctx.questions.length - skipped.length,
      ctx.questions.length,
      t.met,
      applicableTotal(t),
      skipped,
    ),
  );
  return { v: state.v, mode: { type: 'idle' } };
}

function onDifficulty(
  state: DialogState,
  mode: Extract<Mode, { type: 'difficulty' }>,
  text: string,
  turn: Turn,
): DialogState {
  const words = foldWords(text);
  if (words === '' && text.trim() === '') {
    turn.say(vi.stillWaitingDifficulty(mode.key));
    return state;
  }
  if (startsWithPhrase(words, DIFFICULTY_SKIP) === words) {
    return advance(state, mode.purpose, mode.period, mode.key, turn);
  }
  // "có" answers "is there a difficulty?" but says nothing the province could act on: ask for it.
  const yn = parseYesNo(text);
  if (yn?.yes && yn.rest === '') {
    turn.say(vi.difficultyContent(mode.key));
    return state;
  }
  if (text.length > MAX_ANSWER_LENGTH) {
    turn.say(vi.refused('too_long', { kind: 'text', key: mode.key }));
    return state;
  }
  if (turn.locked(mode.period)) {
    turn.say(vi.locked(mode.period));
    return { ...state, mode: { type: 'idle' } };
  }
  turn.saveDifficulty(mode.period, mode.key, text);
  turn.say(vi.difficultySaved(mode.key));
  return advance(state, mode.purpose, mode.period, mode.key, turn);
}

function startEdit(state: DialogState, cmd: Extract<Command, { type: 'edit' }>, turn: Turn): DialogState {
  const { ctx } = turn;
  const period = activePeriod(state, ctx);
  if (!cmd.code) {
    turn.say(vi.editWhich());
    return { ...state, mode: { type: 'edit_pick', period } };
  }
  const found = lookupCode(ctx.framework, ctx.questions, cmd.code, cmd.letter);
  if (found.type === 'unknown') {
    turn.say(vi.editUnknown(found.code));
    return state.mode.type === 'edit_pick' ? { ...state, mode: { type: 'idle' } } : state;
  }
  if (found.type === 'composite') {
    turn.say(vi.compositeNeedsPart(found.code, found.letters));
    return state;
  }
  const rest = [found.letterUnused ? cmd.letter : undefined, cmd.rest].filter(Boolean).join(' ');
  if (rest) return record(state, found.question, period, 'edit', rest, turn);
  askQuestion(period, found.question.key, turn);
  return { ...state, mode: { type: 'asking', purpose: 'edit', period, key: found.question.key } };
}

function stop(state: DialogState, turn: Turn): DialogState {
  const mode = state.mode;
  if (mode.type === 'asking' || mode.type === 'difficulty') {
    const walk = state.walk ?? { period: mode.period, key: mode.key, active: false };
    const at = mode.purpose === 'walk' ? mode.key : walk.key;
    turn.say(vi.paused(at, walk.period));
    return { v: state.v, mode: { type: 'idle' }, walk: { period: walk.period, key: at, active: false } };
  }
  if (state.walk?.active) {
    turn.say(vi.paused(state.walk.key, state.walk.period));
    return { v: state.v, mode: { type: 'idle' }, walk: { ...state.walk, active: false } };
  }
  turn.say(vi.nothingToStop());
  return { ...state, mode: { type: 'idle' } };
}

function skip(state: DialogState, turn: Turn): DialogState {
  const mode = state.mode;
  if (mode.type === 'difficulty') return advance(state, mode.purpose, mode.period, mode.key, turn);
  if (mode.type === 'asking' && mode.purpose === 'edit') {
    turn.say(vi.editCancelled());
    return advance(state, 'edit', mode.period, mode.key, turn);
  }
  if (mode.type === 'asking') {
    turn.say(vi.skippedTo(mode.key));
    return continueWalk(state, mode.period, mode.key, 1, turn);
  }
  turn.say(vi.nothingToStop());
  return state;
}

function back(state: DialogState, turn: Turn): DialogState {
  const { ctx } = turn;
  const mode = state.mode;
  if (mode.type === 'difficulty') {
    askQuestion(mode.period, mode.key, turn);
    return { ...state, mode: { type: 'asking', purpose: mode.purpose, period: mode.period, key: mode.key } };
  }
  if (mode.type === 'asking' && mode.purpose === 'edit') {
    turn.say(vi.editCancelled());
    return advance(state, 'edit', mode.period, mode.key, turn);
  }
  if (mode.type === 'asking') {
    const index = indexOfKey(ctx, mode.key);
    const prev = index > 0 ? ctx.questions[index - 1] : undefined;
    if (!prev) {
      turn.say(vi.atFirst());
      askQuestion(mode.period, mode.key, turn);
      return state;
    }
    askQuestion(mode.period, prev.key, turn);
    return {
      v: state.v,
      mode: { type: 'asking', purpose: 'walk', period: mode.period, key: prev.key },
      walk: { period: mode.period, key: prev.key, active: true },
    };
  }
  turn.say(vi.nothingToStop());
  return state;
}

function onBulk(
  state: DialogState,
  bulk: NonNullable<ReturnType<typeof splitBulk>>,
  turn: Turn,
): DialogState {
  const { ctx } = turn;
  const period = activePeriod(state, ctx);
  if (turn.locked(period)) {
    turn.say(vi.locked(period));
    return state;
  }
  const saved: string[] = [];
  const refused: string[] = [];
  for (const item of bulk.items) {
    const found = lookupCode(ctx.framework, ctx.questions, item.code, item.letter);
    if (found.type === 'unknown') {
      refused.push(vi.bulkRefusedLine(found.code, vi.unknownCode(found.code)));
      continue;
    }
    if (found.type === 'composite') {
      refused.push(vi.bulkRefusedLine(found.code, vi.compositeNeedsPart(found.code, found.letters)));
      continue;
    }
    const q = found.question;
    const text = found.letterUnused ? `${item.letter} ${item.text}` : item.text;
    const named = findPeriod(text, ctx.now);
    if (named && periodKey(named.period) !== period && /quy|qui|nam|q[1-4]/.test(foldWords(text))) {
      refused.push(vi.bulkRefusedLine(q.key, vi.otherPeriodInLine(period)));
      continue;
    }
    const parsed = parseAnswer(q, text);
    if (!parsed.ok) {
      refused.push(vi.bulkRefusedLine(q.key, vi.refusalReason(parsed.reason, q)));
      continue;
    }
    turn.saveAnswer(period, q.key, parsed.answer, text);
    const ev = evaluateAnswer(q, parsed.answer);
    saved.push(vi.bulkLine(q.key, answerLabel(q, parsed.answer), ev.status));
  }
  for (const line of bulk.stray) refused.push(vi.noCodeInLine(line));
  const lines = saved.length > 0 ? [vi.bulkHeader(saved.length, period), ...saved] : [vi.bulkNone()];
  if (refused.length > 0) lines.push(vi.bulkRefusedHeader(), ...refused);
  turn.say(lines.join('\n'));

  const mode = state.mode;
  if (mode.type === 'asking' && mode.period === period) {
    if (turn.answers(period).has(mode.key) && mode.purpose === 'walk')
      return continueWalk(state, period, mode.key, 0, turn);
    if (turn.answers(period).has(mode.key)) return advance(state, 'edit', period, mode.key, turn);
    turn.say(vi.stillWaiting(mode.key));
  }
  return state;
}

function onReminders(state: DialogState, action: 'show' | 'on' | 'off' | 'snooze', turn: Turn): DialogState {
  const { ctx } = turn;
  const settings = ctx.reminders ?? { enabled: true, deadlines: [] };
  switch (action) {
    case 'off':
      turn.effects.push({ type: 'set_reminders', enabled: false });
      turn.say(vi.remindersOff());
      break;
    case 'on':
      turn.effects.push({ type: 'set_reminders', enabled: true });
      turn.say(vi.remindersOn());
      break;
    case 'snooze': {
      const until = snoozeUntil(ctx.now);
      turn.effects.push({ type: 'snooze_reminders', until });
      turn.say(vi.snoozed(until));
      break;
    }
    case 'show': {
      const progress = new Map(
        settings.deadlines.map((d) => [d.period, progressOf(ctx.framework, turn.answers(d.period))] as const),
      );
      const next = nextReminder(ctx.now, { ...settings, remindersEnabled: settings.enabled, progress });
      turn.say(
        vi.reminderSettings(
          settings.enabled,
          settings.snoozedUntil,
          next ? { at: next.at, name: next.deadline.name } : undefined,
        ),
      );
      break;
    }
  }
  reminderOfWaiting(state, turn);
  return state;
}

/** "Nộp báo cáo": a summary and a confirmation question; every question must have an answer first. */
function startSubmit(state: DialogState, period: PeriodKey, turn: Turn): DialogState {
  const { ctx } = turn;
  const done = ctx.submissions?.get(period);
  if (done?.locked) {
    turn.say(vi.alreadySubmitted(period, done.submittedAt, done.onTime));
    return state;
  }
  const answers = turn.answers(period);
  const missing = ctx.questions.filter((q) => !answers.has(q.key)).map((q) => q.key);
  if (missing.length > 0) {
    turn.say(vi.mustAnswerAll(period, missing));
    return state;
  }
  const t = tally(evaluateFramework(ctx.framework, answers));
  turn.say(
    vi.submitSummary(period, ctx.unit.name, t.met, applicableTotal(t), t.notMet, t.inProgress, t.unknown),
    [
      { label: 'Có, nộp', input: 'có', numbered: true },
      { label: 'Không', input: 'không', numbered: true },
    ],
  );
  return { ...state, mode: { type: 'confirm_submit', period } };
}

function onConfirmSubmit(
  state: DialogState,
  mode: Extract<Mode, { type: 'confirm_submit' }>,
  text: string,
  turn: Turn,
): DialogState {
  const yn = parseAnswer({ kind: 'yesno', target: { op: 'yes', text: 'Có' } }, text);
  const idle: DialogState = { ...state, mode: { type: 'idle' } };
  if (!yn.ok || yn.answer.value.type !== 'yesno') {
    turn.say(vi.confirmYesNo());
    return state;
  }
  if (!yn.answer.value.yes) {
    turn.say(vi.notSubmitted());
    return idle;
  }
  const dueAt = turn.ctx.dueOf?.(mode.period);
  turn.effects.push({ type: 'submit', period: mode.period, ...(dueAt ? { dueAt } : {}) });
  turn.say(vi.submitted(mode.period, turn.ctx.now));
  return idle;
}

/** How long after its deadline an unfinished report is still shown as overdue by "hạn nộp". */
const OVERDUE_SHOWN_DAYS = 30;

/**
 * The reports whose deadline has passed in the last 30 days unfinished and not submitted: this
 * quarter's (due within the quarter), the previous quarter's, and this year's (15/11).
 */
function overdueFor(turn: Turn) {
  const { ctx } = turn;
  const quarter = currentQuarter(ctx.now);
  const candidates: Period[] = [quarter, previousPeriod(quarter), { type: 'year', year: quarter.year }];
  return candidates.flatMap((p) => {
    const period = periodKey(p);
    const due = ctx.dueOf?.(period) ?? deadlineFor(p, ctx.calendar).due;
    const ago = -daysLeft(ctx.now, due);
    if (due.getTime() >= ctx.now.getTime() || ago > OVERDUE_SHOWN_DAYS || ctx.submissions?.get(period))
      return [];
    const progress = progressOf(ctx.framework, turn.answers(period));
    if (progress.unanswered.length === 0) return [];
    return [{ period, due, unanswered: progress.unanswered.length, total: progress.total }];
  });
}

/** The upcoming deadlines with days left. */
function deadlinesFor(ctx: Pick<StepContext, 'now' | 'calendar'>) {
  return upcomingDeadlines(ctx.now, ctx.calendar).map((d) => ({
    period: d.periodKey,
    due: d.due,
    days: daysLeft(ctx.now, d.due),
  }));
}
