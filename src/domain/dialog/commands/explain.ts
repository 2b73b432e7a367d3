/**
 * Questions about a criterion ("tiêu chí 2.5 là gì?", "giải thích 3.12", "co nghia la gi" while
 * 1.4 is open) get the criterion card: its exact text, target and how it is judged, the catalog's
 * note, what proves it, and what to type. Nothing is stored; the open question waits again.
 */
import { msg } from '../../messages/index.js';
import { lookupCode } from '../codes.js';
import { type Draft, remindOfWaiting } from '../draft.js';
import type { Command } from '../intents.js';
import type { DialogState } from '../state.js';

/** The key of the question a state is about, if any. */
function openKey(state: DialogState): string | undefined {
  const m = state.mode;
  if (m.type === 'asking' || m.type === 'difficulty' || m.type === 'need_total') return m.key;
  if (m.type === 'confirm_answer') return m.pending.key;
  return undefined;
}

export function explain(
  state: DialogState,
  cmd: Extract<Command, { type: 'explain' }>,
  d: Draft,
): DialogState {
  const { ctx } = d;
  const code = cmd.code ?? openKey(state);
  if (!code) {
    d.say(msg.cardWhich());
    return state;
  }
  const found = lookupCode(
    ctx.framework,
    ctx.questions,
    cmd.code ? code : code.replace(/[a-zđ]$/u, ''),
    cmd.code ? cmd.letter : /[a-zđ]$/u.exec(code)?.[0],
  );
  if (found.type === 'unknown') {
    d.say(msg.unknownCriterion(found.code, codesNear(d, found.code)));
  } else if (found.type === 'composite') {
    const criterion = ctx.framework.groups.flatMap((g) => g.criteria).find((c) => c.code === found.code);
    const group = ctx.framework.groups.find((g) => g.criteria.some((c) => c.code === found.code));
    if (criterion && group) {
      d.say(
        msg.criterionCard({
          key: criterion.code,
          kind: 'yesno',
          target: criterion.target,
          text: criterion.text,
          note: criterion.note,
          evidence: criterion.evidence,
          groupName: group.name,
          parts: (criterion.parts ?? []).map((p) => ({ key: p.code, text: p.text })),
        }),
      );
    }
  } else {
    const q = found.question;
    d.say(
      msg.criterionCard({
        ...q,
        text: q.part ? `${q.criterion.text}\n${q.part.code}) ${q.text}` : q.text,
        groupName: q.group.name,
      }),
    );
  }
  remindOfWaiting(state, d);
  return state;
}

/** The codes of the group an unknown code points into ("3.15": group 3), or every group's codes. */
function codesNear(d: Draft, code: string): string[] {
  const group = code.split('.')[0];
  const groups = d.ctx.framework.groups;
  const same = groups.filter(
    (g) => g.code === group || g.criteria.some((c) => c.code.split('.')[0] === group),
  );
  return (same.length > 0 ? same : groups).flatMap((g) => g.criteria.map((c) => c.code));
}
