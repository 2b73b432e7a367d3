/**
 * A photo or document sent while a criterion is being answered is kept as its evidence
 * (minh chứng); a caption starting with a code ("1.4 …") names the criterion. Anything else
 * gets a short reply saying what to send.
 */
import { cleanText } from '../../answers/normalize.js';
import { msg } from '../../messages/index.js';
import { lookupCode } from '../codes.js';
import { activePeriod, type Draft, remindOfWaiting } from '../draft.js';
import type { Inbound } from '../protocol.js';
import type { DialogState } from '../state.js';

const CODE_IN_CAPTION = /^\s*(\d+(?:\.\d+)+)\s*([a-zđ](?![\p{L}]))?/iu;

export function onAttachment(
  state: DialogState,
  input: Extract<Inbound, { type: 'attachment' }>,
  d: Draft,
): DialogState {
  const { ctx } = d;
  if (input.kind === 'unsupported') {
    d.say(msg.unsupportedContent());
    return state;
  }
  if ((input.kind !== 'photo' && input.kind !== 'document') || !input.ref) {
    d.say(msg.textOnly());
    return state;
  }
  const mode = state.mode;
  let target: { period: string; key: string } | undefined =
    mode.type === 'asking' || mode.type === 'difficulty' ? { period: mode.period, key: mode.key } : undefined;
  const codeInCaption = CODE_IN_CAPTION.exec(input.caption ?? '');
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
    d.say(msg.evidenceWhere());
    return state;
  }
  if (d.locked(target.period)) {
    d.say(msg.locked(target.period));
    return state;
  }
  d.effects.push({
    type: 'save_evidence',
    period: target.period,
    key: target.key,
    kind: input.kind,
    ref: input.ref,
    ...(input.caption ? { caption: cleanText(input.caption) } : {}),
    ...(input.fileName ? { fileName: input.fileName } : {}),
  });
  const count = (ctx.evidence.get(target.period)?.get(target.key) ?? 0) + 1;
  d.say(msg.evidenceSaved(target.key, count));
  remindOfWaiting(state, d);
  return state;
}
