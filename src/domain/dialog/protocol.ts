/**
 * What crosses the edge of the dialog: the message that comes in, the context the application
 * loads for it (plain data only), and the replies and writes that come out. Storage, channels and
 * the application import these types from here, never from the dialog's implementation.
 */
import type { Answer } from '../answers/types.js';
import type { Framework, Question } from '../catalog/types.js';
import type { AnswerMap } from '../evaluation/evaluate.js';
import type { SubmissionState, UnitStatus } from '../evaluation/unit-status.js';
import type { CalendarConfig } from '../periods/deadlines.js';
import type { PeriodKey } from '../periods/periods.js';
import type { Deadline } from '../reminders/calendar.js';
import type { HistoryEntry } from '../report/history.js';

/** A one-tap choice; `input` is exactly what typing the choice would send. */
export interface Choice {
  label: string;
  input: string;
  /** Numbered choices are also accepted as their digit ("1" for the first) on every channel. */
  numbered?: boolean;
}

/** A document a reply asks for (the official appendix, the difficulties report); the application makes it. */
export interface DocumentRequest {
  kind: 'appendix' | 'difficulties';
  format: 'docx' | 'xlsx';
  period: PeriodKey;
  /** The framework, when the unit reports on several. */
  frameworkId?: string;
  /** The unit, when a supervisor asks for another unit's document. */
  unitCode?: string;
}

/** A message to the officer; channels render `choices` as buttons or as a numbered line. */
export interface Reply {
  text: string;
  choices?: Choice[];
  /** Asks the application to make a document and send it with this reply. */
  document?: DocumentRequest;
}

export type { SubmissionState, UnitStatus };

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

/** A write the application performs, in one transaction with the new dialog state. */
export type Effect =
  | {
      type: 'save_answer';
      period: PeriodKey;
      key: string;
      answer: Answer;
      raw: string;
      /** The period the answer is kept from ("như cũ"); absent when answered for this one. */
      carriedFrom?: PeriodKey;
    }
  | { type: 'save_difficulty'; period: PeriodKey; key: string; text: string }
  | { type: 'save_proposal'; period: PeriodKey; key: string; text: string }
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
  | { type: 'submit'; period: PeriodKey; dueAt?: Date; proposals?: string }
  | { type: 'set_reminders'; enabled: boolean }
  | { type: 'snooze_reminders'; until: Date };

/** The officer's reminder settings. */
export interface ReminderSettings {
  enabled: boolean;
  snoozedUntil?: Date;
}

/** One framework a unit reports on, with what the dialog needs of it. */
export interface FrameworkReport {
  framework: Framework;
  questions: readonly Question[];
  /** The period a report on it is made for: the one the message names, else this quarter (this year for a yearly framework). */
  period: PeriodKey;
  answers: ReadonlyMap<PeriodKey, AnswerMap>;
  evidence: ReadonlyMap<PeriodKey, ReadonlyMap<string, number>>;
  submissions: ReadonlyMap<PeriodKey, SubmissionState>;
}

/**
 * Everything `step` may know besides the state and the message, loaded by the application as plain
 * data before the call: no callbacks, no sentences worded in advance.
 */
export interface StepContext {
  now: Date;
  framework: Framework;
  questions: readonly Question[];
  unit: { code: string; name: string; province: string };
  /** Answers by period key, for every period `loadPlan` named. */
  answers: ReadonlyMap<PeriodKey, AnswerMap>;
  /** How many pieces of evidence (minh chứng) each question has, by period key. */
  evidence: ReadonlyMap<PeriodKey, ReadonlyMap<string, number>>;
  /** The reporting calendar of the unit's province: the base calendar with the province's own days. */
  calendar: CalendarConfig;
  /**
   * The deadlines of the unit's province from a few weeks back to a year ahead (quarterly, yearly
   * and ad hoc, with the province's own days), soonest first: "hạn nộp" and "nhắc nhở" read the same list.
   */
  deadlines: readonly Deadline[];
  /** Submitted periods of the unit (a locked one refuses changes). */
  submissions: ReadonlyMap<PeriodKey, SubmissionState>;
  reminders: ReminderSettings;
  /** A fresh random code the step may hand out (account linking); the application draws it. */
  newCode: string;
  /** The unit's reported periods and those of units merged into it; loaded when `loadPlan` asks. */
  history?: readonly HistoryEntry[];
  /**
   * Present only when the unit reports on several frameworks now: each framework that takes a
   * report for the period in question, `framework` above among them. "báo cáo" asks which when
   * there are two or more; gaps and progress show each.
   */
  reports?: readonly FrameworkReport[];
}

/** What `step` decided: the next state, the replies in order, and the writes to make. */
export interface StepResult<S = unknown> {
  state: S;
  replies: Reply[];
  effects: Effect[];
  /** The framework the effects are written under, when the step moved to another of `reports`. */
  frameworkId?: string;
}

/** What the application loads before calling `step` for one message (the dialog decides, not the caller). */
export interface LoadPlan {
  periods: PeriodKey[];
  history: boolean;
}

/** The question a session is waiting on: an answer (`asking`) or its khó khăn, đề xuất (`difficulty`). */
export interface Waiting {
  mode: 'asking' | 'difficulty' | 'confirm' | 'need_total';
  period: string;
  key: string;
}

/** Whose view a supervisor's command is answered in: a province, a named area, or the whole country. */
export type SupervisorScope = { role: 'admin' } | { role: 'supervisor'; province?: string; area?: string };

/** What a supervisor (or admin) asks for in chat. */
export type SupervisorCommand =
  | { type: 'overview'; period: PeriodKey }
  | { type: 'unit'; unitCode: string; period: PeriodKey }
  | { type: 'unlock'; unitCode: string; period: PeriodKey }
  | { type: 'export'; unitCode: string; period: PeriodKey; format: 'docx' | 'xlsx' }
  | { type: 'help' };

/** One unit's data for a supervisor's drill-down, loaded when the command names a unit in scope. */
export interface DrilledUnit {
  unit: { code: string; name: string; province: string };
  framework: Framework;
  answers: AnswerMap;
  /** The unit's other frameworks for the period, when it reports on several (`framework` is the first). */
  also?: ReadonlyArray<{ framework: Framework; answers: AnswerMap }>;
  /** Present when the unit was formed by a merger: its and its predecessors' reported periods. */
  history?: readonly HistoryEntry[];
}

/** What `superviseStep` knows: the scope, every unit in it with its status, and a drilled unit. */
export interface SupervisorContext {
  now: Date;
  scope: SupervisorScope;
  units: readonly UnitStatus[];
  drilled?: DrilledUnit;
}

/** A supervisor's turn: the replies, and a unit to unlock (the application checks the scope again). */
export interface SupervisorResult {
  replies: Reply[];
  unlock?: { unitCode: string; period: PeriodKey };
}
