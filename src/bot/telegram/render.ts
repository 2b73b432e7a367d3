import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { Outgoing } from '../../app/types.js';
import type { Choice, Waiting } from '../../domain/dialog/protocol.js';
import { splitMessage } from '../../domain/messages/split.js';

/** Telegram's limit for one message, counted after entity parsing (so escaping does not count). */
export const MAX_MESSAGE_LENGTH = 4096;
/** Telegram's limit for a button's callback_data, in bytes. */
export const MAX_CALLBACK_BYTES = 64;

/** Escapes text for parse_mode HTML: every reply may carry an officer's own words. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One letter per thing a keyboard can answer: the question, its khó khăn, a reading to confirm, a total. */
const MODE_TAG: Record<Waiting['mode'], string> = {
  asking: 'a',
  difficulty: 'd',
  confirm: 'c',
  need_total: 't',
};

/**
 * Names what a keyboard answers: the question waiting when it was sent ("a:2026-Q4:1.4" for an
 * answer, "d:…" for its khó khăn), or "-" when none was. A tap is live only while this still holds.
 */
export function questionTag(waiting: Waiting | undefined): string {
  if (!waiting) return '-';
  return `${MODE_TAG[waiting.mode]}:${waiting.period}:${waiting.key}`;
}

/** The callback_data of one button: the question tag, then exactly the text typing the choice sends. */
export function encodeChoice(tag: string, input: string): string | undefined {
  const data = `${tag}|${input}`;
  return Buffer.byteLength(data, 'utf8') <= MAX_CALLBACK_BYTES ? data : undefined;
}

export function decodeChoice(data: string): { tag: string; input: string } | undefined {
  const bar = data.indexOf('|');
  if (bar <= 0 || bar === data.length - 1) return undefined;
  return { tag: data.slice(0, bar), input: data.slice(bar + 1) };
}

const SHORT_LABEL = 8;

/**
 * Lays the choices out for a narrow phone screen: up to three short buttons a row
 * ("Bỏ qua · Quay lại · Dừng"), two when one is long ("Đang thực hiện · Chưa rõ"), and
 * numbered answers never share a row with navigation.
 */
export function keyboardFor(
  choices: readonly Choice[],
  tag: string,
): { markup?: InlineKeyboardMarkup; dropped: string[] } {
  const rows: InlineKeyboardButton[][] = [];
  const dropped: string[] = [];
  let row: InlineKeyboardButton[] = [];
  let rowChoices: Choice[] = [];
  for (const choice of choices) {
    const data = encodeChoice(tag, choice.input);
    if (!data) {
      dropped.push(choice.input);
      continue;
    }
    const candidate = [...rowChoices, choice];
    const capacity = candidate.every((c) => c.label.length <= SHORT_LABEL) ? 3 : 2;
    const sameKind = rowChoices.every((c) => Boolean(c.numbered) === Boolean(choice.numbered));
    if (row.length > 0 && (candidate.length > capacity || !sameKind)) {
      rows.push(row);
      row = [];
      rowChoices = [];
    }
    row.push({ text: choice.label, callback_data: data });
    rowChoices.push(choice);
  }
  if (row.length > 0) rows.push(row);
  return rows.length > 0 ? { markup: { inline_keyboard: rows }, dropped } : { dropped };
}

/** One Telegram message: HTML-escaped text, and the keyboard on the last part of a reply. */
export interface OutgoingMessage {
  html: string;
  keyboard?: InlineKeyboardMarkup;
}

/**
 * A reply as Telegram messages: split on line boundaries under 4096 characters, escaped, with
 * choices as buttons (not the numbered line text-only channels show).
 */
export function renderReply(
  reply: Outgoing,
  tag: string,
): { messages: OutgoingMessage[]; dropped: string[] } {
  const parts = splitMessage(reply.text, MAX_MESSAGE_LENGTH).filter((p) => p.trim() !== '');
  const { markup, dropped } = keyboardFor(reply.choices ?? [], tag);
  const messages: OutgoingMessage[] = parts.map((p) => ({ html: escapeHtml(p) }));
  const last = messages[messages.length - 1];
  if (markup && last) last.keyboard = markup;
  return { messages, dropped };
}
