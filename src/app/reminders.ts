import type { Logger } from 'pino';
import type { Identity } from '../domain/access.js';
import { judgedOn } from '../domain/catalog/groups.js';
import type { Framework } from '../domain/catalog/types.js';
import { restoreState } from '../domain/dialog/state.js';
import { answerMapOf } from '../domain/evaluation/statuses.js';
import { msg } from '../domain/messages/index.js';
import type { CalendarConfig } from '../domain/periods/deadlines.js';
import { type Deadline, deadlinesAround, progressKey, unitDeadlines } from '../domain/reminders/calendar.js';
import type { LateUnitsNotice } from '../domain/reminders/plan.js';
import {
  DEFAULT_REMINDERS,
  isQuiet,
  type OfficerForPlan,
  type PeriodProgress,
  type Plan,
  type PlannedReminder,
  planReminders,
  progressOf,
  type ReminderConfig,
  reminderKeys,
  reminderText,
} from '../domain/reminders/plan.js';
import { frameworkIdAt, yearDuesOf } from '../domain/units/frameworks.js';
import { vnDay } from '../domain/units/lifecycle.js';
import { loadPeriodAnswerLists } from '../storage/answers.js';
import type { Db } from '../storage/db.js';
import { listOverseers, listRemovedPersonIds } from '../storage/officers.js';
import {
  claimReminder,
  finishReminder,
  listAdHocDeadlines,
  listCalendarOverrides,
  loadOfficersForReminders,
  loadReminderLog,
  type OfficerReminderRow,
} from '../storage/reminders.js';
import { findUnitByCode, listClosedUnitIds } from '../storage/units.js';
import type { Sender } from './types.js';

export interface ReminderDeps {
  db: Db;
  frameworks: ReadonlyMap<string, Framework>;
  calendar: CalendarConfig;
  config?: ReminderConfig;
  /**
   * One sender per reachable channel ("zalo", "telegram", "console"): the channel's own sender for
   * bot-initiated messages, which paces them (its bot-wide queue) and retries them (its one retry
   * policy). The runner only claims, hands over and records.
   */
  senders: ReadonlyMap<string, Sender>;
  /** Reminders of one channel handed to its sender at once (claimed, waiting in its queue). Default 32. */
  inFlight?: number;
  /** Officers planned at a time (default 2,000). */
  planPage?: number;
  logger?: Logger;
}

/** Which account gets a reminder when an officer has several: the messenger officers use first. */
const CHANNEL_PREFERENCE = ['zalo', 'telegram', 'console'];

const DEFAULT_IN_FLIGHT = 32;

/** A failure as one line for the log and the reminder log (senders may throw plain objects). */
function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  const e = err as { description?: unknown } | undefined;
  return typeof e?.description === 'string' ? e.description : String(err);
}

export interface PlannedDelivery extends PlannedReminder {
  unitCode: string;
  target?: { channel: string; externalId: string };
}

/** Sends each supervisor (and admin) the late units of a deadline that lie in their scope, once. */
async function tellSupervisors(deps: ReminderDeps, notice: LateUnitsNotice, now: Date): Promise<void> {
  const byPerson = new Map<number, { identities: Identity[]; units: LateUnitsNotice['units'] }>();
  for (const u of notice.units) {
    const unit = await findUnitByCode(deps.db, u.code);
    if (!unit) continue;
    for (const person of await listOverseers(deps.db, unit)) {
      const entry = byPerson.get(person.personId) ?? { identities: person.identities, units: [] };
      entry.units.push(u);
      byPerson.set(person.personId, entry);
    }
  }
  for (const [personId, { identities, units }] of byPerson) {
    const target = CHANNEL_PREFERENCE.map((ch) =>
      identities.find((i) => i.channel === ch && deps.senders.has(ch)),
    ).find(Boolean);
    const key = { recipient: `person:${personId}`, deadlineKey: notice.deadline.key, lead: 'late-units' };
    if (!target || !(await claimReminder(deps.db, key, target.channel, now))) continue;
    const sender = deps.senders.get(target.channel);
    try {
      const text = msg.lateUnits(notice.deadline.name, notice.deadline.due, units);
      await sender?.send(target.externalId, [{ text }]);
      await finishReminder(deps.db, key, { status: 'sent' }, now);
    } catch (err) {
      await finishReminder(deps.db, key, { status: 'failed', error: errorText(err) }, now);
    }
  }
}

/** The plan without its reminders: those are the deliveries, each with its recipient's account. */
export type PlanSummary = Omit<Plan, 'reminders'>;

/** Officers planned at a time: what planning holds at once grows with a page, not with the country. */
const PLAN_PAGE = 2_000;

/** Every reminder due at `now`, planned (not sent): what `reminders plan` shows. */
export async function planAt(
  deps: ReminderDeps,
  now: Date,
): Promise<{ plan: PlanSummary; deliveries: PlannedDelivery[] }> {
  const deliveries: PlannedDelivery[] = [];
  const plan = await planByPage(deps, now, async (page) => {
    deliveries.push(...page);
  });
  return { plan, deliveries };
}

/**
 * Plans at `now` a page of officers at a time, and hands each page's deliveries to `onPage` before
 * the next page is read: the officers of a page, the progress of their units (kept from page to page
 * as small summaries, never every answer at once), then the pure planner over the page. What a
 * fan-out holds at once grows with a page, not with the country. The late units of every page are
 * returned at the end, one notice a deadline.
 */
async function planByPage(
  deps: ReminderDeps,
  now: Date,
  onPage: (deliveries: PlannedDelivery[]) => Promise<void>,
): Promise<PlanSummary> {
  const cfg = deps.config ?? DEFAULT_REMINDERS;
  const plan: PlanSummary = { lateUnits: [], deferred: 0, quiet: isQuiet(now, cfg) };
  if (plan.quiet) return plan;
  const [overrides, adHoc, closedUnits, removed] = await Promise.all([
    listCalendarOverrides(deps.db),
    listAdHocDeadlines(deps.db),
    listClosedUnitIds(deps.db, vnDay(now)),
    listRemovedPersonIds(deps.db),
  ]);
  const window = { pastDays: cfg.overdueDays + 1, futureDays: Math.max(...cfg.leadDays, 0) + 1 };
  const yearDues = yearDuesOf(deps.frameworks.values());
  const deadlinesByProvince = new Map<string, Deadline[]>();
  const deadlinesOf = (province: string): Deadline[] => {
    let list = deadlinesByProvince.get(province);
    if (!list) {
      list = deadlinesAround(now, province, { base: deps.calendar, overrides, adHoc, yearDues, ...window });
      deadlinesByProvince.set(province, list);
    }
    return list;
  };
  // A unit's own: one per framework it reports on for a period (a yearly framework has no quarters).
  const deadlinesOfUnit = (o: OfficerReminderRow): Deadline[] =>
    unitDeadlines(deadlinesOf(o.province), o, deps.frameworks);
  // What was already sent (or is being sent) for the deadlines in play, read for each deadline the
  // first time a page meets it.
  const log = new Set<string>();
  const logRead = new Set<string>();
  const progressByUnit = new Map<number, Map<string, PeriodProgress>>();
  const late = new Map<string, LateUnitsNotice>();

  let after: number | undefined;
  for (;;) {
    const page = await loadOfficersForReminders(deps.db, {
      ...(after !== undefined ? { after } : {}),
      limit: Math.max(1, deps.planPage ?? PLAN_PAGE),
    });
    const lastOfPage = page[page.length - 1];
    if (!lastOfPage) break;
    after = lastOfPage.officerId;
    // Removed people get nothing; officers of a merged or closed unit are left to the planner.
    const officers = page.filter((o) => !removed.has(o.officerId));
    const unread = [...new Set(officers.flatMap((o) => deadlinesOfUnit(o).map((d) => d.key)))].filter(
      (k) => !logRead.has(k),
    );
    if (unread.length > 0) {
      for (const entry of await loadReminderLog(deps.db, unread, now)) log.add(entry);
      for (const k of unread) logRead.add(k);
    }
    await addProgress(deps, officers, progressByUnit, deadlinesOfUnit);

    const forPlan: OfficerForPlan[] = [];
    for (const o of officers) {
      // No progress: the unit's framework is not installed, as before nothing is planned for it.
      const progress = progressByUnit.get(o.unitId);
      if (!progress) continue;
      const { state } = restoreState(o.dialogState);
      forPlan.push({
        officerId: o.officerId,
        unitCode: o.unitCode,
        unitName: o.unitName,
        deadlines: deadlinesOfUnit(o),
        progress,
        remindersEnabled: o.remindersEnabled,
        ...(o.snoozedUntil ? { snoozedUntil: o.snoozedUntil } : {}),
        inDialog: state.mode.type === 'asking' || state.mode.type === 'difficulty',
        ...(o.dialogUpdatedAt ? { lastActivityAt: o.dialogUpdatedAt } : {}),
        ...(closedUnits.has(o.unitId) ? { unitClosed: true } : {}),
      });
    }
    const part = planReminders(now, forPlan, log, cfg);
    plan.deferred += part.deferred;
    for (const notice of part.lateUnits) {
      const known = late.get(notice.deadline.key);
      if (!known) late.set(notice.deadline.key, notice);
      else for (const u of notice.units) if (!known.units.some((k) => k.code === u.code)) known.units.push(u);
    }
    const byId = new Map(officers.map((o) => [o.officerId, o]));
    await onPage(
      part.reminders.map((r) => {
        const o = byId.get(r.officerId);
        const target = CHANNEL_PREFERENCE.map((ch) =>
          o?.identities.find((i) => i.channel === ch && deps.senders.has(ch)),
        ).find(Boolean);
        return { ...r, unitCode: o?.unitCode ?? '', ...(target ? { target } : {}) };
      }),
    );
  }
  plan.lateUnits = [...late.values()];
  return plan;
}

/**
 * The progress, per period in play, of the units of these officers not summarised yet: their
 * answers read for those units only, then only the summaries kept.
 */
async function addProgress(
  deps: ReminderDeps,
  officers: readonly OfficerReminderRow[],
  progressByUnit: Map<number, Map<string, PeriodProgress>>,
  deadlinesOf: (o: OfficerReminderRow) => Deadline[],
): Promise<void> {
  // Each deadline's report under its framework (the one the unit reports on then, or the
  // deadline's own for a unit on several), with its group's and year's targets.
  const wanted = new Map<number, Array<{ key: string; period: string; fw: Framework }>>();
  const periods = new Set<string>();
  for (const o of officers) {
    if (progressByUnit.has(o.unitId) || wanted.has(o.unitId)) continue;
    if (!deps.frameworks.has(o.frameworkId)) continue;
    const items: Array<{ key: string; period: string; fw: Framework }> = [];
    for (const d of deadlinesOf(o)) {
      const installed = deps.frameworks.get(d.frameworkId ?? frameworkIdAt(o, d.period));
      if (!installed) continue;
      items.push({ key: progressKey(d), period: d.period, fw: judgedOn(installed, o.group, d.period) });
      periods.add(d.period);
    }
    wanted.set(o.unitId, items);
  }
  if (wanted.size === 0) return;
  for (const unitId of wanted.keys()) progressByUnit.set(unitId, new Map());
  const unitIds = [...wanted.keys()];
  for (const period of periods) {
    const lists = await loadPeriodAnswerLists(deps.db, period, { unitIds });
    for (const [unitId, items] of wanted) {
      for (const it of items) {
        if (it.period !== period) continue;
        const answers = answerMapOf(lists.get(`${unitId}|${it.fw.id}`));
        progressByUnit.get(unitId)?.set(it.key, progressOf(it.fw, answers));
      }
    }
  }
}

export interface RunReport {
  planned: number;
  sent: number;
  failed: number;
  /** Claimed by another runner (or a restart) first: not sent here. */
  skipped: number;
  deferred: number;
  lateUnits: number;
  quiet: boolean;
}

/**
 * Plans at `now` and sends: each reminder is claimed in the log (pending) before it is sent and
 * marked sent or failed after, so nothing is sent twice; failed ones are retried on a later run.
 */
export async function runRemindersAt(deps: ReminderDeps, now: Date): Promise<RunReport> {
  const report: RunReport = {
    planned: 0,
    sent: 0,
    failed: 0,
    skipped: 0,
    deferred: 0,
    lateUnits: 0,
    quiet: false,
  };

  const deliverOne = async (d: PlannedDelivery) => {
    const key = { recipient: `officer:${d.officerId}`, deadlineKey: d.deadline.key, lead: d.lead };
    if (!(await claimReminder(deps.db, key, d.target?.channel ?? null, now))) {
      report.skipped++;
      return;
    }
    // The other deadlines the same message lists are claimed and recorded with it.
    const also: Array<typeof key> = [];
    for (const k of reminderKeys(d).slice(1)) {
      const other = { recipient: key.recipient, ...k };
      if (await claimReminder(deps.db, other, d.target?.channel ?? null, now)) also.push(other);
    }
    const finishAll = async (outcome: Parameters<typeof finishReminder>[2]) => {
      for (const k of also) await finishReminder(deps.db, k, outcome, now);
    };
    const sender = d.target ? deps.senders.get(d.target.channel) : undefined;
    if (!d.target || !sender) {
      await finishReminder(deps.db, key, { status: 'failed', error: 'no reachable messenger account' }, now);
      await finishAll({ status: 'failed', error: 'no reachable messenger account' });
      report.failed++;
      return;
    }
    const target = d.target;
    try {
      await sender.send(target.externalId, [{ text: reminderText(d) }]);
      await finishReminder(deps.db, key, { status: 'sent' }, now);
      await finishAll({ status: 'sent' });
      report.sent++;
    } catch (err) {
      deps.logger?.warn(
        { err: errorText(err), officerId: d.officerId, channel: target.channel },
        'reminder failed',
      );
      await finishReminder(deps.db, key, { status: 'failed', error: errorText(err) }, now);
      await finishAll({ status: 'failed', error: errorText(err) });
      report.failed++;
    }
  };
  // Per channel, a window of `inFlight` reminders handed to the sender, each claimed just before it
  // joins the window: the sender's queue always has the next ones waiting (its pace, not a round trip,
  // sets the speed), the claims and "sent" marks run while it waits, and a crash leaves at most the
  // window claimed and unsent (retaken after their lease). Claiming all 10,000 at once first would
  // hold the event loop for seconds before the first send. A page of the plan is sent before the
  // next is planned.
  const window = Math.max(1, deps.inFlight ?? DEFAULT_IN_FLIGHT);
  const sendPage = async (deliveries: PlannedDelivery[]) => {
    report.planned += deliveries.length;
    const byChannel = new Map<string, PlannedDelivery[]>();
    for (const d of deliveries) {
      const channel = d.target?.channel ?? '';
      const list = byChannel.get(channel);
      if (list) list.push(d);
      else byChannel.set(channel, [d]);
    }
    await Promise.all(
      [...byChannel.values()].map(async (list) => {
        let next = 0;
        const worker = async () => {
          while (next < list.length) await deliverOne(list[next++] as PlannedDelivery);
        };
        await Promise.all(Array.from({ length: Math.min(window, list.length) }, worker));
      }),
    );
  };
  const plan = await planByPage(deps, now, sendPage);
  report.deferred = plan.deferred;
  report.quiet = plan.quiet;

  for (const notice of plan.lateUnits) {
    const key = { recipient: 'supervisors', deadlineKey: notice.deadline.key, lead: 'late-units' };
    if (!(await claimReminder(deps.db, key, 'log', now))) continue;
    deps.logger?.warn(
      { deadline: notice.deadline.name, due: notice.deadline.due.toISOString(), units: notice.units },
      'units late with their report',
    );
    await tellSupervisors(deps, notice, now);
    await finishReminder(deps.db, key, { status: 'sent' }, now);
    report.lateUnits++;
  }
  deps.logger?.info({ at: now.toISOString(), ...report }, 'reminder run');
  return report;
}
