import { cleanText, fold, foldWords, formatPercent } from '../answers/normalize.js';
import { listCriteria, listQuestions } from '../catalog/load.js';
import type { Framework } from '../catalog/types.js';
import { type AnswerSource, isAnswerList, statusesFor } from '../evaluation/statuses.js';
import { periodLabel, shorten } from '../messages/format.js';
import { vi } from '../messages/vi.js';
import { currentQuarter, findPeriod, type PeriodKey, periodKey } from '../periods/periods.js';
import type { GapReport } from '../report/gaps.js';
import type { DocumentRequest, Reply, SubmissionState } from './step.js';

/** What a supervisor (or admin) asks for in chat. */
export type SupervisorCommand =
  | { type: 'overview'; period: PeriodKey }
  | { type: 'unit'; unitCode: string; period: PeriodKey }
  | { type: 'unlock'; unitCode: string; period: PeriodKey }
  | { type: 'export'; unitCode: string; period: PeriodKey; format: 'docx' | 'xlsx' }
  | { type: 'help' };

const OVERVIEW = /^\/?(?:tonghop|tong hop|tong ket|bao cao tong hop|tinh hinh)(?:@\w+)?(?: |$)/;
const UNLOCK = /^\/?(?:mokhoa|mo khoa)(?:@\w+)?(?: |$)/;
const EXPORT = /^\/?(?:xuatexcel|xuat excel|xuat)(?:@\w+)?(?: |$)/;
const VIEW = /^\/?(?:xem|chi tiet)(?: |$)/;

/** Reads a supervisor's message; the period defaults to the current quarter. */
export function parseSupervisorCommand(text: string, now: Date): SupervisorCommand {
  const folded = fold(cleanText(text));
  const found = findPeriod(text, now);
  const period = periodKey(found?.period ?? currentQuarter(now));
  const rest = (found ? found.rest : foldWords(text)).replace(/^\//, '');
  const original = cleanText(text).split(/\s+/);
  const arg = (re: RegExp) => {
    const token = rest.replace(re, '').trim().split(' ')[0] ?? '';
    // Give back the code as typed ("AT", not "at").
    return original.find((w) => fold(w) === token) ?? token;
  };
  if (UNLOCK.test(folded)) {
    const unitCode = arg(/^\/?(mokhoa|mo khoa)/);
    return unitCode ? { type: 'unlock', unitCode, period } : { type: 'help' };
  }
  if (EXPORT.test(folded)) {
    const unitCode = arg(/^\/?(xuatexcel|xuat excel|xuat)/);
    const format = /excel|xlsx/.test(folded) ? 'xlsx' : 'docx';
    return unitCode ? { type: 'export', unitCode, period, format } : { type: 'help' };
  }
  if (OVERVIEW.test(folded) || VIEW.test(folded)) {
    const unitCode = arg(/^\/?(tonghop|tong hop|tong ket|bao cao tong hop|tinh hinh|xem|chi tiet)/);
    return unitCode ? { type: 'unit', unitCode, period } : { type: 'overview', period };
  }
  return { type: 'help' };
}

/** One unit as the province sees it for a period. */
export interface UnitStatus {
  code: string;
  name: string;
  frameworkId: string;
  answered: number;
  total: number;
  met: number;
  applicable: number;
  /** Criterion codes not met, with their text. */
  unmet: Array<{ code: string; text: string }>;
  submission?: SubmissionState;
}

/**
 * Where units of one framework stand for a period, computed from their answers (never stored): a
 * function to call for each unit of a batch (the province overview: thousands of units), with the
 * answers by key or as the bulk loader's lists. Statuses come from `statusesFor`, the same as
 * `evaluateFramework` gives.
 */
export function unitStatusFor(
  fw: Framework,
): (unit: { code: string; name: string }, answers: AnswerSource, submission?: SubmissionState) => UnitStatus {
  const statusesOf = statusesFor(fw);
  const criteria = listCriteria(fw).map((c) => c.criterion);
  const questions = listQuestions(fw);
  return (unit, answers, submission) => {
    const { statuses, met, applicable } = statusesOf(answers);
    const has = isAnswerList(answers) ? new Set(answers.keys) : answers;
    return {
      code: unit.code,
      name: unit.name,
      frameworkId: fw.id,
      answered: questions.filter((q) => has.has(q.key)).length,
      total: questions.length,
      met,
      applicable,
      unmet: criteria
        .filter((_, i) => statuses[i] === 'not_met')
        .map((c) => ({ code: c.code, text: c.text })),
      ...(submission ? { submission } : {}),
    };
  };
}

export interface SupervisorContext {
  now: Date;
  scopeLabel: string;
  units: UnitStatus[];
  /** The gap report of one unit in scope (built by the engine from loaded answers). */
  gapReport: (unitCode: string) => GapReport | undefined;
  /** For a unit formed by a merger: its and its predecessors' reported periods, already worded. */
  history?: string;
}

export interface SupervisorResult {
  replies: Reply[];
  /** A unit to unlock (the engine checks the scope again before writing). */
  unlock?: { unitCode: string; period: PeriodKey };
}

function findUnit(ctx: SupervisorContext, code: string): UnitStatus | undefined {
  const wanted = fold(code);
  return ctx.units.find((u) => fold(u.code) === wanted);
}

/** Answers a supervisor; units outside the scope simply do not exist here. */
export function superviseStep(cmd: SupervisorCommand, ctx: SupervisorContext): SupervisorResult {
  switch (cmd.type) {
    case 'help':
      return { replies: [{ text: vi.supervisorHelp(ctx.scopeLabel) }] };
    case 'overview':
      return { replies: [{ text: renderOverview(cmd.period, ctx) }] };
    case 'unit': {
      const report = findUnit(ctx, cmd.unitCode) ? ctx.gapReport(cmd.unitCode) : undefined;
      if (!report) return { replies: [{ text: vi.unitNotInScope(cmd.unitCode) }] };
      const unit = findUnit(ctx, cmd.unitCode);
      const sub = unit?.submission;
      const status = sub
        ? vi.alreadySubmitted(cmd.period, sub.submittedAt, sub.onTime)
        : vi.notYetSubmitted(cmd.period);
      const replies: Reply[] = [{ text: `${status}\n\n${vi.gapReport(report)}` }];
      if (ctx.history) replies.push({ text: ctx.history });
      return { replies };
    }
    case 'unlock': {
      const unit = findUnit(ctx, cmd.unitCode);
      if (!unit) return { replies: [{ text: vi.unitNotInScope(cmd.unitCode) }] };
      if (!unit.submission?.locked) return { replies: [{ text: vi.notLocked(unit.name, cmd.period) }] };
      return {
        replies: [{ text: vi.unlocked(unit.name, cmd.period) }],
        unlock: { unitCode: unit.code, period: cmd.period },
      };
    }
    case 'export': {
      const unit = findUnit(ctx, cmd.unitCode);
      if (!unit) return { replies: [{ text: vi.unitNotInScope(cmd.unitCode) }] };
      const document: DocumentRequest = {
        kind: 'appendix',
        format: cmd.format,
        period: cmd.period,
        unitCode: unit.code,
      };
      return { replies: [{ text: `${unit.name}: ${vi.exportReady(cmd.period, cmd.format)}`, document }] };
    }
  }
}

function renderOverview(period: PeriodKey, ctx: SupervisorContext): string {
  const units = ctx.units;
  const submitted = units.filter((u) => u.submission);
  const onTime = submitted.filter((u) => u.submission?.onTime);
  const started = units.filter((u) => !u.submission && u.answered > 0);
  const notStarted = units.filter((u) => !u.submission && u.answered === 0);
  const counts = new Map<string, { code: string; text: string; frameworkId: string; n: number }>();
  for (const u of units) {
    for (const c of u.unmet) {
      const key = `${u.frameworkId}|${c.code}`;
      const entry = counts.get(key) ?? { code: c.code, text: c.text, frameworkId: u.frameworkId, n: 0 };
      entry.n++;
      counts.set(key, entry);
    }
  }
  const frameworks = new Set(units.map((u) => u.frameworkId));
  const top = [...counts.values()].sort((a, b) => b.n - a.n || a.code.localeCompare(b.code)).slice(0, 5);
  const lines = [
    `Tổng hợp ${periodLabel(period)} · ${ctx.scopeLabel} · ${units.length} đơn vị`,
    `• Đã nộp: ${submitted.length}${submitted.length > 0 ? ` (đúng hạn ${onTime.length}/${submitted.length}, ${formatPercent((onTime.length / submitted.length) * 100)})` : ''}`,
    `• Đang làm: ${started.length}`,
    `• Chưa bắt đầu: ${notStarted.length}`,
  ];
  if (top.length > 0) {
    lines.push('', 'Tiêu chí chưa đạt nhiều nhất:');
    for (const t of top) {
      lines.push(
        `• ${t.code}${frameworks.size > 1 ? ` (${t.frameworkId})` : ''}: ${t.n} đơn vị · ${shorten(t.text, 70)}`,
      );
    }
  }
  const waiting = [...started, ...notStarted];
  if (waiting.length > 0) {
    lines.push('', `Chưa nộp (${waiting.length}):`);
    for (const u of waiting.slice(0, 15))
      lines.push(`• ${u.code} ${u.name}: đã trả lời ${u.answered}/${u.total}`);
    if (waiting.length > 15) lines.push(`• … và ${waiting.length - 15} đơn vị khác`);
  }
  lines.push(
    '',
    'Gõ "/tonghop <mã đơn vị>" để xem chi tiết, "mở khóa <mã đơn vị>" để cho sửa báo cáo đã nộp.',
  );
  return lines.join('\n');
}
