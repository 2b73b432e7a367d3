import type { Reply } from './step.js';

/**
 * A reply as plain text for channels without buttons (console, Zalo): numbered choices become
 * one line "1. Có  2. Không  …", which the dialog accepts as digits.
 */
export function renderPlain(reply: Reply): string {
  const numbered = (reply.choices ?? []).filter((c) => c.numbered);
  if (numbered.length === 0) return reply.text;
  return `${reply.text}\n${numbered.map((c, i) => `${i + 1}. ${c.label}`).join('  ')}`;
}

/**
 * The replies of one turn as few messages: a reply without choices or a document ("Ghi nhận 1.1 …")
 * goes into the same message as the reply after it (the next question, with its choices) when both
 * fit in `max` UTF-16 units, a blank line between: one notification and one send per turn on a
 * phone. A reply with a document stays apart (the document follows its own caption); empty ones go.
 */
export function mergeReplies(replies: readonly Reply[], max: number): Reply[] {
  const out: Reply[] = [];
  for (const reply of replies) {
    const plain = !reply.choices?.length && !reply.file && !reply.document;
    if (plain && reply.text.trim() === '') continue;
    const last = out[out.length - 1];
    const mergeable =
      last !== undefined &&
      !last.choices?.length &&
      !last.file &&
      !last.document &&
      !reply.file &&
      !reply.document &&
      last.text.length + 2 + reply.text.length <= max;
    if (mergeable) out[out.length - 1] = { ...reply, text: `${last.text}\n\n${reply.text}` };
    else out.push(reply);
  }
  return out;
}
