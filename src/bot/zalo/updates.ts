import type { Identity } from '../../domain/access.js';
import type { AttachmentKind, Inbound } from '../../domain/dialog/protocol.js';
import { ZALO_EVENTS, type ZaloUpdate } from './types.js';

/** An update the channel acts on, or the reason it is dropped. */
export type Incoming =
  | { kind: 'ignore'; reason: string }
  | {
      kind: 'message';
      /** Zalo's message_id: the delivery key (Zalo updates have no update_id). */
      messageId?: string;
      /** Where replies go: always chat.id. */
      chatId: string;
      /** Not a one-to-one chat: the dialog does not run there. */
      group: boolean;
      who: Identity;
      inbound: Inbound;
      /** The image of a photo message, still to be downloaded or kept as the evidence ref. */
      imageUrl?: string;
    };

const ATTACHMENT_EVENTS: Record<string, AttachmentKind> = {
  [ZALO_EVENTS.image]: 'photo',
  [ZALO_EVENTS.sticker]: 'sticker',
  [ZALO_EVENTS.voice]: 'voice',
  [ZALO_EVENTS.unsupported]: 'unsupported',
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/**
 * The update inside a webhook body: real traffic is flat (`{ event_name, message }`), the docs
 * show it wrapped in `{ ok, result }`; both are accepted. Anything else (a probe) is undefined.
 */
export function unwrapUpdate(body: unknown): ZaloUpdate | undefined {
  const inner = isObject(body) && typeof body.ok === 'boolean' && isObject(body.result) ? body.result : body;
  return isObject(inner) && typeof inner.event_name === 'string'
    ? (inner as unknown as ZaloUpdate)
    : undefined;
}

/**
 * Reads one update: who wrote, where to reply, and what the engine should see. Messages from
 * bots (and from this bot itself) and unknown event names are ignored.
 */
export function readIncoming(update: ZaloUpdate, botId?: string): Incoming {
  const m = update.message;
  const isText = update.event_name === ZALO_EVENTS.text;
  const attachment = ATTACHMENT_EVENTS[update.event_name];
  if (!isText && !attachment) return { kind: 'ignore', reason: 'unknown event' };
  if (!isObject(m) || !isObject(m.from) || !nonEmpty(m.from.id))
    return { kind: 'ignore', reason: 'no sender' };
  if (m.from.is_bot === true) return { kind: 'ignore', reason: 'from a bot' };
  if (botId !== undefined && m.from.id === botId) return { kind: 'ignore', reason: 'own message' };
  const chatId = isObject(m.chat) && nonEmpty(m.chat.id) ? m.chat.id : m.from.id;
  const chatType = isObject(m.chat) && typeof m.chat.chat_type === 'string' ? m.chat.chat_type : 'PRIVATE';
  const who: Identity = {
    channel: 'zalo',
    externalId: m.from.id,
    ...(nonEmpty(m.from.display_name) ? { displayName: m.from.display_name } : {}),
  };
  let inbound: Inbound;
  let imageUrl: string | undefined;
  if (isText) {
    if (typeof m.text !== 'string') return { kind: 'ignore', reason: 'no text' };
    inbound = { type: 'text', text: m.text };
  } else {
    const kind = attachment as AttachmentKind;
    const caption = nonEmpty(m.caption) ? m.caption : undefined;
    if (kind === 'photo') imageUrl = [m.photo_url, m.photo].find(nonEmpty);
    inbound = { type: 'attachment', kind, ...(caption ? { caption } : {}) };
  }
  return {
    kind: 'message',
    ...(nonEmpty(m.message_id) ? { messageId: m.message_id } : {}),
    chatId,
    group: chatType.toUpperCase() !== 'PRIVATE',
    who,
    inbound,
    ...(imageUrl ? { imageUrl } : {}),
  };
}
