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
