import type { Reply } from './protocol.js';

/**
 * A reply as plain text for channels without buttons (console, Zalo): numbered choices become
 * one line "1. Có  2. Không  …", which the dialog accepts as digits.
 */
export function renderPlain(reply: Pick<Reply, 'text' | 'choices'>): string {
  const numbered = (reply.choices ?? []).filter((c) => c.numbered);
  if (numbered.length === 0) return reply.text;
  return `${reply.text}\n${numbered.map((c, i) => `${i + 1}. ${c.label}`).join('  ')}`;
}

/** A reply as it goes out, possibly with the file its document request was made into. */
type Mergeable = Pick<Reply, 'text' | 'choices' | 'document'> & { file?: unknown };

/**
 * The replies of one turn as few messages: a reply without choices or a document ("Ghi nhận 1.1 …")
 * goes into the same message as the reply after it (the next question, with its choices) when both
 * fit in `max` UTF-16 units, a blank line between: one notification and one send per turn on a
 * phone. A reply with a document stays apart (the document follows its own caption); empty ones go.
 */
export function mergeReplies<R extends Mergeable>(replies: readonly R[], max: number): R[] {
  const out: R[] = [];
  const plain = (r: R) => !r.choices?.length && !r.file && !r.document;
  for (const reply of replies) {
    if (plain(reply) && reply.text.trim() === '') continue;
    const last = out[out.length - 1];
    const mergeable =
      last !== undefined &&
      plain(last) &&
      !reply.file &&
      !reply.document &&
      last.text.length + 2 + reply.text.length <= max;
    if (mergeable) out[out.length - 1] = { ...reply, text: `${last.text}\n\n${reply.text}` };
    else out.push(reply);
  }
  return out;
}
