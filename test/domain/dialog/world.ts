/**
 * The dialog's world in memory, for transcript tests of `step()` and `superviseStep()` with no
 * database: units with their answers, evidence and submissions, one officer's dialog state and
 * reminder settings, a clock and a province calendar. Effects are applied here the way storage
 * applies them (an answer keeps its khó khăn; a submission locks the period).
 */
import { loadCatalogDir } from '../../../src/catalogs.js';
import { parseAnswer } from '../../../src/domain/answers/parse.js';
import { listQuestions } from '../../../src/domain/catalog/load.js';
import type { Framework } from '../../../src/domain/catalog/types.js';
import { parseSupervisorCommand, superviseStep } from '../../../src/domain/dialog/commands/supervisor.js';
import type {
  AttachmentKind,
  Effect,
  Inbound,
  Reply,
  StepContext,
  SubmissionState,
  SupervisorScope,
} from '../../../src/domain/dialog/protocol.js';
import { renderPlain } from '../../../src/domain/dialog/render.js';
import { type DialogState, initialState } from '../../../src/domain/dialog/state.js';
import { loadPlan, step } from '../../../src/domain/dialog/step.js';
import type { RecordedAnswer } from '../../../src/domain/evaluation/evaluate.js';
import { unitStatusFor } from '../../../src/domain/evaluation/unit-status.js';
import { DEFAULT_CALENDAR } from '../../../src/domain/periods/deadlines.js';
import {
  type AdHocDeadline,
  type CalendarOverride,
  calendarFor,
  deadlinesAround,
} from '../../../src/domain/reminders/calendar.js';
import type { HistoryEntry } from '../../../src/domain/report/history.js';

/**
 * A typed line, or an attachment written "[photo 1.4 sổ một cửa]", "[document bien-ban.pdf]",
 * "[sticker]", "[unsupported]" (the kind, then a caption; a document's first word is its file name).
 */
export function inboundOf(text: string): Inbound {
  const m = /^\[(photo|document|sticker|voice|video|location|unsupported)(?: (.*))?\]$/.exec(text);
  if (!m) return { type: 'text', text };
  const kind = m[1] as AttachmentKind;
  const [first, ...rest] = (m[2] ?? '').split(' ');
  const fileName = kind === 'document' && first ? first : undefined;
  const caption = (fileName ? rest.join(' ') : (m[2] ?? '')).trim();
  return {
    type: 'attachment',
    kind,
    ...(kind === 'unsupported' || kind === 'location' ? {} : { ref: `file-${kind}` }),
    ...(caption ? { caption } : {}),
    ...(fileName ? { fileName } : {}),
  };
}

export const FRAMEWORKS: ReadonlyMap<string, Framework> = loadCatalogDir();

export interface WorldUnit {
  code: string;
  name: string;
  province: string;
  framework: Framework;
  answers: Map<string, Map<string, RecordedAnswer>>;
  evidence: Map<string, Map<string, number>>;
  submissions: Map<string, SubmissionState>;
}

/** Everything the dialog may be told, kept in memory. */
export class World {
  now: Date;
  /** Each officer's own dialog state, by unit code (as each chat has its own). */
  private readonly states = new Map<string, DialogState>();

  stateOf(unit: WorldUnit): DialogState {
    return this.states.get(unit.code) ?? initialState();
  }
  readonly units: WorldUnit[] = [];
  readonly overrides: CalendarOverride[] = [];
  readonly adHoc: AdHocDeadline[] = [];
  reminders: { enabled: boolean; snoozedUntil?: Date } = { enabled: true };
  history: HistoryEntry[] = [];
  linkCodes: Array<{ code: string; expiresAt: Date }> = [];
  /** Who talks: the officer of `units[officerOf]`, or a supervisor/admin. */
  as: { role: 'officer'; unit: number } | SupervisorScope = { role: 'officer', unit: 0 };
  private codes = 0;

  constructor(now: Date) {
    this.now = now;
  }

  addUnit(code: string, name: string, province: string, frameworkId: string): WorldUnit {
    const framework = FRAMEWORKS.get(frameworkId);
    if (!framework) throw new Error(`no framework ${frameworkId}`);
    const unit: WorldUnit = {
      code,
      name,
      province,
      framework,
      answers: new Map(),
      evidence: new Map(),
      submissions: new Map(),
    };
    this.units.push(unit);
    return unit;
  }

  unit(code?: string): WorldUnit {
    const u = code ? this.units.find((x) => x.code === code) : this.units[0];
    if (!u) throw new Error(`no unit ${code ?? '(first)'}`);
    return u;
  }

  /** Stores answers as typed (through the same parser), e.g. "1.1=100; 1.5=có; 1.6=không ~ khó khăn". */
  answer(unitCode: string | undefined, period: string, pairs: string): void {
    const unit = this.unit(unitCode);
    const questions = listQuestions(unit.framework);
    for (const pair of pairs.split(';')) {
      const [key, rest] = pair.split('=').map((x) => x.trim());
      const [text, difficulty] = (rest ?? '').split('~').map((x) => x.trim());
      const q = questions.find((x) => x.key === key);
      if (!q || text === undefined) throw new Error(`bad answer "${pair}"`);
      const parsed = parseAnswer(q, text);
      if (!parsed.ok) throw new Error(`answer "${pair}" refused: ${parsed.reason}`);
      this.apply(unit, [{ type: 'save_answer', period, key: q.key, answer: parsed.answer, raw: text }]);
      if (difficulty) this.apply(unit, [{ type: 'save_difficulty', period, key: q.key, text: difficulty }]);
    }
  }

  submit(unitCode: string | undefined, period: string, at: Date, onTime = true): void {
    this.unit(unitCode).submissions.set(period, { submittedAt: at, locked: true, onTime });
  }

  context(unit: WorldUnit): StepContext {
    const periods = loadPlan(this.stateOf(unit), '', this.now, this.deadlines(unit.province)).periods;
    return {
      now: this.now,
      framework: unit.framework,
      questions: listQuestions(unit.framework),
      unit: { code: unit.code, name: unit.name, province: unit.province },
      answers: new Map(
        [...new Set([...periods, ...unit.answers.keys()])].map((p) => [
          p,
          new Map(unit.answers.get(p) ?? []),
        ]),
      ),
      evidence: unit.evidence,
      calendar: calendarFor(unit.province, DEFAULT_CALENDAR, this.overrides),
      deadlines: this.deadlines(unit.province),
      submissions: unit.submissions,
      reminders: this.reminders,
      newCode: `LINK${String(++this.codes).padStart(4, '2')}`,
      history: this.history,
    };
  }

  deadlines(province: string) {
    return deadlinesAround(this.now, province, {
      base: DEFAULT_CALENDAR,
      overrides: this.overrides,
      adHoc: this.adHoc,
      pastDays: 40,
      futureDays: 400,
    });
  }

  /** One message; the replies as the console shows them (documents named in brackets). */
  send(text: string): string {
    const replies = this.as.role === 'officer' ? this.officer(text) : this.supervisor(text, this.as);
    return replies
      .map(
        (r) =>
          renderPlain(r) +
          (r.document
            ? `\n[tệp: ${r.document.kind} ${r.document.format} ${r.document.period}${r.document.unitCode ? ` ${r.document.unitCode}` : ''}]`
            : ''),
      )
      .join('\n\n');
  }

  private officer(text: string): Reply[] {
    const unit = this.units[this.as.role === 'officer' ? this.as.unit : 0];
    if (!unit) throw new Error('no unit for the officer');
    const result = step(this.stateOf(unit), inboundOf(text), this.context(unit));
    this.states.set(unit.code, result.state);
    this.apply(unit, result.effects);
    return result.replies;
  }

  private supervisor(text: string, scope: SupervisorScope): Reply[] {
    const cmd = parseSupervisorCommand(text, this.now);
    const inScope = this.units.filter(
      (u) => scope.role === 'admin' || (scope.province !== undefined && u.province === scope.province),
    );
    const period = 'period' in cmd ? cmd.period : '';
    const units = inScope.map((u) =>
      unitStatusFor(u.framework)(u, u.answers.get(period) ?? new Map(), u.submissions.get(period)),
    );
    const wanted =
      'unitCode' in cmd
        ? inScope.find((u) => u.code.toLowerCase() === cmd.unitCode.toLowerCase())
        : undefined;
    const drilled = wanted
      ? {
          unit: { code: wanted.code, name: wanted.name, province: wanted.province },
          framework: wanted.framework,
          answers: wanted.answers.get(period) ?? new Map(),
        }
      : undefined;
    const result = superviseStep(cmd, { now: this.now, scope, units, ...(drilled ? { drilled } : {}) });
    if (result.unlock) {
      const unit = this.unit(result.unlock.unitCode);
      const sub = unit.submissions.get(result.unlock.period);
      if (sub) unit.submissions.set(result.unlock.period, { ...sub, locked: false });
    }
    return result.replies;
  }

  /** Applies effects as storage does. */
  apply(unit: WorldUnit, effects: readonly Effect[]): void {
    for (const e of effects) {
      switch (e.type) {
        case 'save_answer': {
          const map = unit.answers.get(e.period) ?? new Map();
          const { difficulty, proposal } = map.get(e.key) ?? {};
          map.set(e.key, {
            ...e.answer,
            raw: e.raw,
            ...(difficulty ? { difficulty } : {}),
            ...(proposal ? { proposal } : {}),
            ...(e.carriedFrom ? { carriedFrom: e.carriedFrom } : {}),
          });
          unit.answers.set(e.period, map);
          break;
        }
        case 'save_difficulty': {
          const current = unit.answers.get(e.period)?.get(e.key);
          if (!current) throw new Error(`no answer ${e.key} to attach a difficulty to`);
          unit.answers.get(e.period)?.set(e.key, { ...current, difficulty: e.text });
          break;
        }
        case 'save_proposal': {
          const current = unit.answers.get(e.period)?.get(e.key);
          if (!current) throw new Error(`no answer ${e.key} to attach a proposal to`);
          unit.answers.get(e.period)?.set(e.key, { ...current, proposal: e.text });
          break;
        }
        case 'save_evidence': {
          const map = unit.evidence.get(e.period) ?? new Map();
          map.set(e.key, (map.get(e.key) ?? 0) + 1);
          unit.evidence.set(e.period, map);
          break;
        }
        case 'create_link_code':
          this.linkCodes.push({ code: e.code, expiresAt: e.expiresAt });
          break;
        case 'submit':
          unit.submissions.set(e.period, {
            submittedAt: this.now,
            locked: true,
            onTime: e.dueAt === undefined || this.now.getTime() <= e.dueAt.getTime(),
            ...(e.proposals ? { proposals: e.proposals } : {}),
          });
          break;
        case 'set_reminders':
          this.reminders = { enabled: e.enabled };
          break;
        case 'snooze_reminders':
          this.reminders = { ...this.reminders, snoozedUntil: e.until };
          break;
      }
    }
  }
}
