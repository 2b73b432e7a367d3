/** "xuất báo cáo", "xuất excel", "khó khăn": the documents of a period, asked of the application. */
import { msg } from '../../messages/index.js';
import type { Period } from '../../periods/periods.js';
import { buildGapReport } from '../../report/gaps.js';
import { type Draft, noteOtherReports, periodOf, remindOfWaiting } from '../draft.js';
import type { DialogState } from '../state.js';

/** The appendix (Phụ lục) of a period as DOCX or XLSX. */
export function exportAppendix(
  state: DialogState,
  format: 'docx' | 'xlsx',
  period: Period | undefined,
  d: Draft,
): DialogState {
  const key = periodOf(period, state, d.ctx);
  d.replies.push({
    text: msg.exportReady(key, format),
    document: {
      kind: 'appendix',
      format,
      period: key,
      ...(d.ctx.reports ? { frameworkId: d.ctx.framework.id } : {}),
    },
  });
  noteOtherReports(state, key, period !== undefined, d);
  remindOfWaiting(state, d);
  return state;
}

/** The difficulties report as text, and as DOCX when some criterion is unmet. */
export function exportDifficulties(state: DialogState, period: Period | undefined, d: Draft): DialogState {
  const { ctx } = d;
  const key = periodOf(period, state, ctx);
  const report = buildGapReport(ctx.framework, ctx.unit, key, d.answers(key), ctx.evidence.get(key));
  d.replies.push({
    text: msg.difficultiesText(report),
    ...(report.gaps.some((g) => g.status === 'not_met')
      ? {
          document: {
            kind: 'difficulties',
            format: 'docx',
            period: key,
            ...(ctx.reports ? { frameworkId: ctx.framework.id } : {}),
          },
        }
      : {}),
  });
  noteOtherReports(state, key, period !== undefined, d);
  remindOfWaiting(state, d);
  return state;
}
