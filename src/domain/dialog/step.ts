/**
 * The conversation as a pure function: the stored state and one message in, the new state, the
 * replies and the writes out. This file only reads the message and dispatches it; each command
 * family lives in `commands/`.
 */
import { cleanText } from '../answers/normalize.js';
import {
  currentQuarter,
  findPeriod,
  fromKey,
  type Period,
  type PeriodKey,
  periodKey,
  previousPeriod,
} from '../periods/periods.js';
import type { Deadline } from '../reminders/calendar.js';
import { isCodeLike, lookupCode, splitBulk, YES_NO_CHOICES } from './codes.js';
import { isPriorReply, onAnswer, onDifficulty, onPriorDifficulty, onTotal } from './commands/answer.js';
import { onBatch } from './commands/batch.js';
import { isOfferReply, onCarryOffer } from './commands/carry.js';
import { isConfirmReply, onConfirmAnswer } from './commands/confirm.js';
import { exportAppendix, exportDifficulties } from './commands/documents.js';
import { onEditPick, startEdit } from './commands/edit.js';
import { onAttachment } from './commands/evidence.js';
import { explain } from './commands/explain.js';
import { greet, notUnderstood, showHelp, supervisorOnly } from './commands/help.js';
import { showDeadlines, showGaps, showHistory, showProgress, upcomingDeadlines } from './commands/info.js';
import { createLink } from './commands/link.js';
import { askReport, eachReport, onPick, pickAgain } from './commands/pick.js';
import { onReminders, REMINDER_DEADLINES } from './commands/reminders.js';
import { onConfirmSubmit, startSubmit } from './commands/submit.js';
import { back, skip, startWalk, stop } from './commands/walk.js';
import { Draft, periodOf } from './draft.js';
import { type Command, parseCommand } from './intents.js';
import type { Inbound, LoadPlan, StepContext, StepResult, Waiting } from './protocol.js';
import type { DialogState } from './state.js';

type Handler<K extends Command['type']> = (
  state: DialogState,
  cmd: Extract<Command, { type: K }>,
  d: Draft,
) => DialogState;

/** Every command and the function that carries it out. */
const COMMANDS: { [K in Command['type']]: Handler<K> } = {
  report: (s, c, d) => askReport(s, 'report', c.period, d) ?? startWalk(s, c.period, d),
  gaps: (s, c, d) => eachReport(s, c.period, d, showGaps, false),
  progress: (s, c, d) => eachReport(s, c.period, d, showProgress, true),
  deadline: (s, _c, d) => showDeadlines(s, d),
  help: (s, _c, d) => showHelp(s, d),
  greeting: (s, _c, d) => greet(s, d),
  edit: (s, c, d) => startEdit(s, c, d),
  stop: (s, _c, d) => stop(s, d),
  skip: (s, _c, d) => skip(s, d),
  back: (s, _c, d) => back(s, d),
  link: (s, _c, d) => createLink(s, d),
  reminders: (s, c, d) => onReminders(s, c.action, d),
  // With several reports open, the one the dialog is on is submitted; none chosen yet: which one.
  submit: (s, c, d) =>
    (s.framework ? undefined : askReport(s, 'submit', c.period, d)) ??
    startSubmit(s, periodOf(c.period, s, d.ctx), c.period !== undefined, d),
  export: (s, c, d) =>
    askReport(s, 'appendix', c.period, d, c.format) ?? exportAppendix(s, c.format, c.period, d),
  difficulties: (s, c, d) => askReport(s, 'difficulties', c.period, d) ?? exportDifficulties(s, c.period, d),
  supervisor_only: (s, _c, d) => supervisorOnly(s, d),
  history: (s, _c, d) => showHistory(s, d),
  explain: (s, c, d) => explain(s, c, d),
};

/** The modes in which a message is read as an answer first (so "chưa đạt" and "?" are answers there). */
const WAITING = new Set(['asking', 'difficulty', 'confirm_answer', 'need_total']);

function runCommand<K extends Command['type']>(
  state: DialogState,
  cmd: Extract<Command, { type: K }>,
  d: Draft,
) {
  return (COMMANDS[cmd.type] as Handler<K>)(state, cmd, d);
}

/** The officer's dialog: never throws on user input; bad input is a polite reply and writes nothing. */
export function step(state: DialogState, input: string | Inbound, ctx: StepContext): StepResult<DialogState> {
  const d = new Draft(ctx);
  const inbound: Inbound = typeof input === 'string' ? { type: 'text', text: input } : input;
  // "Báo cáo nào?": the chosen framework's walk or document, on that framework's context.
  if (state.mode.type === 'pick_report' && inbound.type === 'text') {
    const chosen = onPick(state, state.mode, cleanText(inbound.text), d);
    if (chosen)
      return { state: chosen.state, replies: d.replies, effects: d.effects, frameworkId: chosen.frameworkId };
  }
  const next =
    inbound.type === 'text' ? onText(state, cleanText(inbound.text), d) : onAttachment(state, inbound, d);
  // A unit on several frameworks: a state that changed belongs to the framework this step was on.
  const onFramework = ctx.reports && next !== state ? { ...next, framework: ctx.framework.id } : next;
  return { state: onFramework, replies: d.replies, effects: d.effects };
}

/** The order of reading: a numbered choice's digit, a command, several answers, then the open question. */
function onText(state: DialogState, text: string, d: Draft): DialogState {
  const { ctx } = d;
  const mode = state.mode;
  const waiting = WAITING.has(mode.type);
  const message = choiceWords(state, text, d) ?? text;

  if (mode.type === 'confirm_answer' && isConfirmReply(message))
    return onConfirmAnswer(state, mode, message, d);
  // The choices of an offer are read before commands ("xem lại", "sửa" are commands elsewhere).
  if (mode.type === 'carry_offer' && isOfferReply(message)) return onCarryOffer(state, mode, message, d);
  if (mode.type === 'difficulty' && mode.prior && isPriorReply(message))
    return onPriorDifficulty(state, mode, message, d);
  const command = parseCommand(message, ctx.now, waiting);
  if (command) return runCommand(state, command, d);

  const bulk = splitBulk(message);
  const known = bulk?.items.filter(
    (item) => lookupCode(ctx.framework, ctx.questions, item.code).type !== 'unknown',
  );
  if (bulk && known && known.length > 0) return onBatch(state, bulk, d);
  // "3.12 co" when the framework has no 3.12: said so, not taken as the answer to the open question.
  const unknown = bulk?.items[0];
  if (unknown && isCodeLike(unknown.code) && mode.type !== 'difficulty') {
    return explain(state, { type: 'explain', code: unknown.code }, d);
  }

  switch (mode.type) {
    case 'asking':
      return onAnswer(state, mode, message, d);
    case 'difficulty':
      return onDifficulty(state, mode, message, d);
    case 'confirm_submit':
      return onConfirmSubmit(state, mode, message, d);
    case 'carry_offer':
      return onCarryOffer(state, mode, message, d);
    case 'confirm_answer':
      return onConfirmAnswer(state, mode, message, d);
    case 'need_total':
      return onTotal(state, mode, message, d);
    case 'edit_pick':
      return onEditPick(state, message, d);
    case 'pick_report':
      return pickAgain(state, mode, d);
    case 'idle':
      return notUnderstood(state, d);
  }
}

/** The words of a numbered choice typed as its digit ("2" at a Có/Không question is "không"). */
function choiceWords(state: DialogState, text: string, d: Draft): string | undefined {
  const mode = state.mode;
  if (mode.type === 'asking' && /^[1-9]$/.test(text) && d.question(mode.key)?.kind === 'yesno')
    return YES_NO_CHOICES[Number(text) - 1]?.input;
  if (mode.type === 'confirm_submit' && /^[12]$/.test(text)) return text === '1' ? 'có' : 'không';
  if (mode.type === 'difficulty' && mode.prior && /^[1-3]$/.test(text))
    return ['giữ', 'sửa', 'bỏ'][Number(text) - 1];
  // The extra choice of a confirmation ("2. Xem tiêu chí 2.5") types what it says.
  if (mode.type === 'confirm_answer' && mode.extra && text === String(mode.pending.options.length + 1))
    return mode.extra.input;
  return undefined;
}

/**
 * What the application loads before `step` for this message: the answers of the periods in play
 * (this quarter and year, the open and the named period, each with the one before, and the next
 * deadlines' periods), and the unit's history when the message asks for it.
 */
export function loadPlan(
  state: DialogState,
  input: string | Inbound,
  now: Date,
  deadlines: readonly Deadline[],
): LoadPlan {
  const text = typeof input === 'string' ? input : input.type === 'text' ? input.text : (input.caption ?? '');
  const periods: Period[] = [currentQuarter(now), { type: 'year', year: currentQuarter(now).year }];
  const options = state.mode.type === 'pick_report' ? state.mode.options.map((o) => o.period) : [];
  for (const key of [
    state.walk?.period,
    'period' in state.mode ? state.mode.period : undefined,
    ...options,
  ]) {
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
  for (const x of upcomingDeadlines({ now, deadlines }).slice(0, REMINDER_DEADLINES)) keys.add(x.period);
  const history =
    typeof input !== 'object' || input.type === 'text'
      ? parseCommand(text, now, WAITING.has(state.mode.type))?.type === 'history'
      : false;
  return { periods: [...keys], history };
}

/** What a dialog state waits on: an answer, its khó khăn, a reading to confirm or a total (a button is live only then). */
export function waitingOf(state: DialogState): Waiting | undefined {
  const { mode } = state;
  if (mode.type === 'asking' || mode.type === 'difficulty' || mode.type === 'need_total')
    return { mode: mode.type, period: mode.period, key: mode.key };
  if (mode.type === 'confirm_answer') return { mode: 'confirm', period: mode.period, key: mode.pending.key };
  return undefined;
}
