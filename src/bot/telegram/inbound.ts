import type { Message, MessageEntity, User, UserFromGetMe } from 'grammy/types';
import type { Identity } from '../../domain/access.js';
import type { Inbound } from '../../domain/dialog/protocol.js';

/** The officer's identity on Telegram: the user id (a private chat has the same id). */
export function identityOf(user: User): Identity {
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ').trim() || user.username;
  return { channel: 'telegram', externalId: String(user.id), ...(name ? { displayName: name } : {}) };
}

/** Content the bot cannot read at all (polls, dice, games…): answered with a hint, not sent to the engine. */
const OTHER_CONTENT = ['poll', 'dice', 'game', 'story', 'invoice', 'checklist', 'paid_media', 'giveaway'];

/**
 * Remembers the caption of an album's first item: Telegram sends an album as separate messages,
 * and only the first carries the caption ("1.4 sổ một cửa") naming the criterion.
 */
export class AlbumCaptions {
  private readonly captions = new Map<string, string>();
  constructor(private readonly limit = 500) {}

  resolve(groupId: string | undefined, caption: string | undefined): string | undefined {
    if (!groupId) return caption;
    if (caption) {
      this.captions.delete(groupId);
      this.captions.set(groupId, caption);
      if (this.captions.size > this.limit) {
        const oldest = this.captions.keys().next().value;
        if (oldest !== undefined) this.captions.delete(oldest);
      }
      return caption;
    }
    return this.captions.get(groupId);
  }
}

/**
 * What a Telegram message means to the engine: text, an attachment (a photo or document may be
 * evidence), `'other'` for content to answer with a hint, or undefined for service messages.
 */
export function inboundOf(msg: Message, albums?: AlbumCaptions): Inbound | 'other' | undefined {
  if (msg.text !== undefined) return { type: 'text', text: msg.text };
  const caption = albums ? albums.resolve(msg.media_group_id, msg.caption) : msg.caption;
  const extra = caption ? { caption } : {};
  const largest = msg.photo?.[msg.photo.length - 1];
  if (largest) return { type: 'attachment', kind: 'photo', ref: largest.file_id, ...extra };
  if (msg.animation) return { type: 'attachment', kind: 'video', ref: msg.animation.file_id, ...extra };
  if (msg.document) {
    const fileName = msg.document.file_name;
    return {
      type: 'attachment',
      kind: 'document',
      ref: msg.document.file_id,
      ...extra,
      ...(fileName ? { fileName } : {}),
    };
  }
  if (msg.sticker) return { type: 'attachment', kind: 'sticker', ref: msg.sticker.file_id };
  if (msg.voice) return { type: 'attachment', kind: 'voice', ref: msg.voice.file_id, ...extra };
  if (msg.audio) return { type: 'attachment', kind: 'voice', ref: msg.audio.file_id, ...extra };
  if (msg.video) return { type: 'attachment', kind: 'video', ref: msg.video.file_id, ...extra };
  if (msg.video_note) return { type: 'attachment', kind: 'video', ref: msg.video_note.file_id };
  if (msg.location || msg.venue) return { type: 'attachment', kind: 'location' };
  if (msg.contact) return { type: 'attachment', kind: 'contact' };
  if (OTHER_CONTENT.some((key) => key in msg)) return 'other';
  return undefined;
}

/**
 * Whether a group message is meant for the bot: a command (bare, or "/cmd@thisbot"), an
 * @mention of it, or a reply to one of its messages. Other group talk is none of its business.
 */
export function addressesBot(msg: Message, me: UserFromGetMe): boolean {
  if (msg.reply_to_message?.from?.id === me.id) return true;
  const text = msg.text ?? msg.caption ?? '';
  const entities: MessageEntity[] = msg.entities ?? msg.caption_entities ?? [];
  const username = me.username.toLowerCase();
  return entities.some((e) => {
    const part = text.slice(e.offset, e.offset + e.length).toLowerCase();
    if (e.type === 'bot_command') {
      const at = part.indexOf('@');
      return e.offset === 0 && (at < 0 || part.slice(at + 1) === username);
    }
    if (e.type === 'mention') return part === `@${username}`;
    if (e.type === 'text_mention') return e.user.id === me.id;
    return false;
  });
}
