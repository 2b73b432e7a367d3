import { listQuestions } from '../catalog/load.js';
import type { Framework } from '../catalog/types.js';
import { type AnswerMap, evaluateFramework } from '../evaluation/evaluate.js';
import { msg } from '../messages/index.js';
import type { ReminderFacts } from '../messages/status.js';
import { daysLeft } from '../periods/deadlines.js';
import type { PeriodKey } from '../periods/periods.js';
import { vnDate, vnInstant } from '../periods/periods.js';
import { type Deadline, progressKey } from './calendar.js';

/** When and how reminders go out. */
export interface ReminderConfig {
  /** Days before the due day on which to remind, at the delivery hour. */
  leadDays: number[];
  /** Also remind at the delivery hour of the due day itself. */
  onDueDay: boolean;
  deliveryHour: number;
  /** No messages from quietStart:00 to quietEnd:00, Vietnam time. */
  quietStartHour: number;
  quietEndHour: number;
  /** An officer in the middle of a walk-through is left alone until idle this long. */
  idleMinutes: number;
  /** How long after a deadline the overdue notice is still worth sending. */
  overdueDays: number;
  /** How many unanswered/unmet codes a reminder lists. */
  listed: number;
}

export const DEFAULT_REMINDERS: ReminderConfig = {
  leadDays: [7, 3, 1],
  onDueDay: true,
  deliveryHour: 8,
  quietStartHour: 21,
  quietEndHour: 7,
  idleMinutes: 30,
  overdueDays: 7,
  listed: 5,
};

/** Where a unit's report for one period stands. */
export interface PeriodProgress {
  total: number;
  answered: number;
  /** Question keys not answered yet, in framework order. */
  unanswered: string[];
  /** Criterion codes not met, in framework order. */
  unmet: string[];
}

/** Summarises a unit's answers for a period, for reminders. */
export function progressOf(fw: Framework, answers: AnswerMap): PeriodProgress {
  const questions = listQuestions(fw);
  const unanswered = questions.filter((q) => !answers.has(q.key)).map((q) => q.key);
  const unmet = evaluateFramework(fw, answers)
    .filter((e) => e.status === 'not_met')
    .map((e) => e.criterion.code);
  return { total: questions.length, answered: questions.length - unanswered.length, unanswered, unmet };
}

export function isComplete(p: PeriodProgress | undefined): boolean {
  return p !== undefined && p.unanswered.length === 0;
}

/** One officer as the planner sees them. */
export interface OfficerForPlan {
  officerId: number;
  unitCode: string;
  unitName: string;
  deadlines: Deadline[];
  progress: ReadonlyMap<PeriodKey, PeriodProgress>;
  remindersEnabled: boolean;
  snoozedUntil?: Date;
  /** A question of a walk-through is waiting for an answer. */
  inDialog: boolean;
  lastActivityAt?: Date;
  /** The unit was merged or closed: no reminders, and it is not counted late. */
  unitClosed?: boolean;
}

export type Lead = string;

export interface PlannedReminder {
  officerId: number;
  deadline: Deadline;
  lead: Lead;
  overdue: boolean;
  /**
   * What the message says, one item a deadline (the nearest first): small facts shared with the
   * plan, rendered by `reminderText` when the reminder is sent, so that a plan of 30,000 reminders
   * held during a fan-out does not hold 30,000 texts.
   */
  facts: ReminderFacts[];
  unitName: string;
  /**
   * Other deadlines of the same officer due the same morning, listed in the same message: their
   * log keys are claimed with this one's (`reminderKeys`), so each is still sent at most once.
   */
  also?: Array<{ deadline: Deadline; lead: Lead; overdue: boolean }>;
}

/** The log keys (deadline, lead) a planned reminder stands for: its own and those it lists too. */
export function reminderKeys(r: PlannedReminder): Array<{ deadlineKey: string; lead: Lead }> {
  return [r, ...(r.also ?? [])].map((x) => ({ deadlineKey: x.deadline.key, lead: x.lead }));
}

/** The late units of one deadline, for the supervisors (or the log while there are none). */
export interface LateUnitsNotice {
  deadline: Deadline;
  units: Array<{ code: string; name: string; answered: number; total: number }>;
}

export interface Plan {
  reminders: PlannedReminder[];
  lateUnits: LateUnitsNotice[];
  /** Reminders held back because the officer is in the middle of a walk-through. */
  deferred: number;
  /** True when nothing goes out because it is quiet hours in Vietnam. */
  quiet: boolean;
}

/** The reminder-log key of one reminder; the log holds each at most once. */
export function reminderKey(recipient: string, deadlineKey: string, lead: Lead): string {
  return `${recipient}|${deadlineKey}|${lead}`;
}

interface Slot {
  lead: Lead;
  at: Date;
  until: Date;
  overdue: boolean;
}

function atHour(day: Date, offsetDays: number, hour: number): Date {
  const d = vnDate(new Date(day.getTime() + offsetDays * 86_400_000));
  return vnInstant(d.year, d.month, d.day, hour);
}

/** The moments a deadline is reminded of, each valid until the next one (or the deadline). */
function slotsOf(deadline: Deadline, cfg: ReminderConfig): Slot[] {
  const upcoming = [...new Set(cfg.leadDays)]
    .filter((n) => n > 0)
    .sort((a, b) => b - a)
    .map((n) => ({ lead: `d${n}`, at: atHour(deadline.due, -n, cfg.deliveryHour), overdue: false }));
  if (cfg.onDueDay)
    upcoming.push({ lead: 'd0', at: atHour(deadline.due, 0, cfg.deliveryHour), overdue: false });
  const slots: Slot[] = upcoming.map((s, i) => ({ ...s, until: upcoming[i + 1]?.at ?? deadline.due }));
  slots.push({
    lead: 'overdue',
    at: atHour(deadline.due, 1, cfg.deliveryHour),
    until: atHour(deadline.due, cfg.overdueDays, 23),
    overdue: true,
  });
  return slots;
}

/** The slot in force at `now`: a missed earlier slot is dropped once a later one starts. */
function currentSlot(deadline: Deadline, now: Date, cfg: ReminderConfig): Slot | undefined {
  return slotsOf(deadline, cfg).find(
    (s) => s.at.getTime() <= now.getTime() && now.getTime() < s.until.getTime(),
  );
}

export function isQuiet(now: Date, cfg: ReminderConfig): boolean {
  const { hour } = vnDate(now);
  return cfg.quietStartHour > cfg.quietEndHour
    ? hour >= cfg.quietStartHour || hour < cfg.quietEndHour
    : hour >= cfg.quietStartHour && hour < cfg.quietEndHour;
}

/**
 * Which reminders are due at `now`: a pure function of the time, the deadlines, the officers'
 * progress and settings, and the reminder log (keys already sent or being sent).
 */
export function planReminders(
  now: Date,
  officers: readonly OfficerForPlan[],
  log: ReadonlySet<string>,
  cfg: ReminderConfig = DEFAULT_REMINDERS,
): Plan {
  const plan: Plan = { reminders: [], lateUnits: [], deferred: 0, quiet: isQuiet(now, cfg) };
  if (plan.quiet) return plan;
  const late = new Map<string, LateUnitsNotice>();
  // The officers of one unit are told the same facts of a deadline: one object for them all.
  const factsOf = new Map<string, ReminderFacts>();
  const shared = (
    o: OfficerForPlan,
    x: { deadline: Deadline; progress?: PeriodProgress; overdue: boolean },
  ) => {
    const key = `${o.unitCode}|${x.deadline.key}|${x.overdue}`;
    let facts = factsOf.get(key);
    if (!facts) {
      facts = reminderFacts(o, x.deadline, x.progress, x.overdue, now, cfg);
      factsOf.set(key, facts);
    }
    return facts;
  };
  for (const o of officers) {
    if (o.unitClosed) continue;
    const due: Array<{ deadline: Deadline; lead: Lead; overdue: boolean; progress?: PeriodProgress }> = [];
    for (const d of o.deadlines) {
      const progress = o.progress.get(progressKey(d));
      if (isComplete(progress)) continue;
      const slot = currentSlot(d, now, cfg);
      if (slot?.overdue) {
        const notice = late.get(d.key) ?? { deadline: d, units: [] };
        if (!notice.units.some((u) => u.code === o.unitCode)) {
          notice.units.push({
            code: o.unitCode,
            name: o.unitName,
            answered: progress?.answered ?? 0,
            total: progress?.total ?? 0,
          });
        }
        late.set(d.key, notice);
      }
      const lead = pickLead(o, d, slot, now);
      if (!lead || !o.remindersEnabled) continue;
      if (o.snoozedUntil && now.getTime() < o.snoozedUntil.getTime()) continue;
      if (log.has(reminderKey(`officer:${o.officerId}`, d.key, lead.lead))) continue;
      const idleSince = o.lastActivityAt
        ? now.getTime() - o.lastActivityAt.getTime()
        : Number.POSITIVE_INFINITY;
      if (o.inDialog && idleSince < cfg.idleMinutes * 60_000) {
        plan.deferred++;
        continue;
      }
      due.push({ deadline: d, lead: lead.lead, overdue: lead.overdue, ...(progress ? { progress } : {}) });
    }
    // Several deadlines due the same morning make one message that lists them, the nearest first.
    due.sort(
      (a, b) =>
        a.deadline.due.getTime() - b.deadline.due.getTime() || a.deadline.key.localeCompare(b.deadline.key),
    );
    const [first, ...rest] = due;
    if (!first) continue;
    plan.reminders.push({
      officerId: o.officerId,
      deadline: first.deadline,
      lead: first.lead,
      overdue: first.overdue,
      unitName: o.unitName,
      facts: due.map((x) => shared(o, x)),
      ...(rest.length > 0
        ? { also: rest.map((x) => ({ deadline: x.deadline, lead: x.lead, overdue: x.overdue })) }
        : {}),
    });
  }
  for (const notice of late.values()) {
    if (!log.has(reminderKey('supervisors', notice.deadline.key, 'late-units'))) plan.lateUnits.push(notice);
  }
  return plan;
}

/** The regular slot, or the one-off "nhắc lại sau" reminder once a snooze has run out. */
function pickLead(
  o: OfficerForPlan,
  d: Deadline,
  slot: Slot | undefined,
  now: Date,
): { lead: Lead; overdue: boolean } | undefined {
  if (
    o.snoozedUntil &&
    now.getTime() >= o.snoozedUntil.getTime() &&
    now.getTime() - o.snoozedUntil.getTime() < 86_400_000
  ) {
    if (now.getTime() <= d.due.getTime())
      return { lead: `snooze:${o.snoozedUntil.toISOString()}`, overdue: false };
  }
  return slot ? { lead: slot.lead, overdue: slot.overdue } : undefined;
}

/** The text of a planned reminder: one deadline, or the several due the same morning in one message. */
export function reminderText(r: Pick<PlannedReminder, 'facts' | 'unitName'>): string {
  const [only, ...more] = r.facts;
  return only && more.length === 0 ? msg.reminder(only) : msg.reminders(r.unitName, r.facts);
}

/** What a reminder says of one deadline. */
function reminderFacts(
  o: OfficerForPlan,
  d: Deadline,
  p: PeriodProgress | undefined,
  overdue: boolean,
  now: Date,
  cfg: ReminderConfig,
): ReminderFacts {
  const unanswered = p?.unanswered ?? [];
  const unmet = p?.unmet ?? [];
  return {
    name: d.name,
    unitName: o.unitName,
    due: d.due,
    daysLeft: daysLeft(now, d.due),
    overdue,
    unanswered: unanswered.length,
    ...(p ? { total: p.total } : {}),
    unmet: unmet.length,
    firstUnanswered: unanswered.slice(0, cfg.listed),
    firstUnmet: unmet.slice(0, cfg.listed),
  };
}

/** The next reminder an officer will get, for "/nhacnho"; undefined when none is planned. */
export function nextReminder(
  now: Date,
  o: Pick<OfficerForPlan, 'deadlines' | 'progress' | 'remindersEnabled' | 'snoozedUntil'>,
  cfg: ReminderConfig = DEFAULT_REMINDERS,
): { at: Date; deadline: Deadline } | undefined {
  if (!o.remindersEnabled) return undefined;
  let best: { at: Date; deadline: Deadline } | undefined;
  for (const d of o.deadlines) {
    if (isComplete(o.progress.get(progressKey(d))) || d.due.getTime() < now.getTime()) continue;
    const candidates = slotsOf(d, cfg)
      .filter((s) => !s.overdue)
      .map((s) => s.at)
      .concat(o.snoozedUntil ? [o.snoozedUntil] : [])
      .filter((at) => at.getTime() > now.getTime() && at.getTime() <= d.due.getTime())
      .filter((at) => !o.snoozedUntil || at.getTime() >= o.snoozedUntil.getTime());
    for (const at of candidates) if (!best || at.getTime() < best.at.getTime()) best = { at, deadline: d };
  }
  return best;
}

/** "Nhắc lại sau": the next 08:00 in Vietnam after `now` (tomorrow morning). */
export function snoozeUntil(now: Date, cfg: ReminderConfig = DEFAULT_REMINDERS): Date {
  return atHour(now, 1, cfg.deliveryHour);
}
