/** The supervisors' view in chat: the province's (or area's) overview, one unit's gaps, unlock, export. */
import { cleanText, fold, foldWords } from '../../answers/normalize.js';
import { msg } from '../../messages/index.js';
import { currentQuarter, findPeriod, periodKey } from '../../periods/periods.js';
import { buildGapReport } from '../../report/gaps.js';
import type {
  DocumentRequest,
  Reply,
  SupervisorCommand,
  SupervisorContext,
  SupervisorResult,
  UnitStatus,
} from '../protocol.js';

const OVERVIEW =
  /^\/?(?:tonghop|tong hop|tong ket|bao cao tong hop|tinh hinh|tiendo|tien do)(?:@\w+)?(?: |$)/;
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
    const unitCode = arg(
      /^\/?(tonghop|tong hop|tong ket|bao cao tong hop|tinh hinh|tiendo|tien do|xem|chi tiet)/,
    );
    return unitCode ? { type: 'unit', unitCode, period } : { type: 'overview', period };
  }
  return { type: 'help' };
}

function findUnit(ctx: SupervisorContext, code: string): UnitStatus | undefined {
  const wanted = fold(code);
  return ctx.units.find((u) => fold(u.code) === wanted);
}

/** Answers a supervisor; units outside the scope simply do not exist here. */
export function superviseStep(cmd: SupervisorCommand, ctx: SupervisorContext): SupervisorResult {
  switch (cmd.type) {
    case 'help':
      return { replies: [{ text: msg.supervisorHelp(ctx.scope) }] };
    case 'overview':
      return { replies: [{ text: msg.overview(cmd.period, ctx.scope, ctx.units) }] };
    case 'unit': {
      const unit = findUnit(ctx, cmd.unitCode);
      const drilled = unit && ctx.drilled?.unit.code === unit.code ? ctx.drilled : undefined;
      if (!unit || !drilled) return { replies: [{ text: msg.unitNotInScope(cmd.unitCode) }] };
      const report = buildGapReport(drilled.framework, drilled.unit, cmd.period, drilled.answers);
      const sub = unit.submission;
      const status = sub
        ? msg.alreadySubmitted(cmd.period, sub.submittedAt, sub.onTime)
        : msg.notYetSubmitted(cmd.period);
      const replies: Reply[] = [{ text: `${status}\n\n${msg.gapReport(report)}` }];
      // A unit on several frameworks for the period: the report on each, with its own submission.
      for (const other of drilled.also ?? []) {
        const entry = ctx.units.find((u) => u.code === unit.code && u.frameworkId === other.framework.id);
        const otherSub = entry?.submission;
        const otherStatus = otherSub
          ? msg.alreadySubmitted(cmd.period, otherSub.submittedAt, otherSub.onTime)
          : msg.notYetSubmitted(cmd.period);
        const otherReport = buildGapReport(other.framework, drilled.unit, cmd.period, other.answers);
        replies.push({ text: `${otherStatus}\n\n${msg.gapReport(otherReport)}` });
      }
      if (drilled.history) replies.push({ text: msg.history(drilled.unit.name, drilled.history) });
      return { replies };
    }
    case 'unlock': {
      // A unit on several frameworks is an entry each: the one submitted is unlocked (all of them, by the application).
      const wanted = fold(cmd.unitCode);
      const unit =
        ctx.units.find((u) => fold(u.code) === wanted && u.submission?.locked) ?? findUnit(ctx, cmd.unitCode);
      if (!unit) return { replies: [{ text: msg.unitNotInScope(cmd.unitCode) }] };
      if (!unit.submission?.locked) return { replies: [{ text: msg.notLocked(unit.name, cmd.period) }] };
      return {
        replies: [{ text: msg.unlocked(unit.name, cmd.period) }],
        unlock: { unitCode: unit.code, period: cmd.period },
      };
    }
    case 'export': {
      const unit = findUnit(ctx, cmd.unitCode);
      if (!unit) return { replies: [{ text: msg.unitNotInScope(cmd.unitCode) }] };
      const document: DocumentRequest = {
        kind: 'appendix',
        format: cmd.format,
        period: cmd.period,
        unitCode: unit.code,
      };
      return { replies: [{ text: msg.exportFor(unit.name, cmd.period, cmd.format), document }] };
    }
  }
}
