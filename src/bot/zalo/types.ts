/** The reply envelope of every Zalo Bot API method. */
export interface ZaloEnvelope<T> {
  ok: boolean;
  result?: T;
  error_code?: number;
  description?: string;
}

/** getMe: the bot's own account. */
export interface ZaloBotInfo {
  id: string;
  account_name?: string;
  account_type?: string;
  can_join_groups?: boolean;
}

/** setWebhook, deleteWebhook, getWebhookInfo. */
export interface ZaloWebhookInfo {
  url?: string;
  updated_at?: number;
}

/** sendMessage, sendPhoto, sendSticker. */
export interface ZaloSentMessage {
  message_id: string;
  date: number;
}

export interface ZaloUser {
  id: string;
  display_name?: string;
  is_bot?: boolean;
}

export interface ZaloChat {
  id: string;
  /** "PRIVATE" in one-to-one chats; anything else is a group (beta: only @mentions reach the bot). */
  chat_type?: string;
}

/** The message of an incoming update; which fields are present depends on the event. */
export interface ZaloMessage {
  message_id?: string;
  /** Epoch milliseconds. */
  date?: number;
  text?: string;
  /** The image of message.image.received: real payloads carry `photo_url`, the docs say `photo`. */
  photo_url?: string;
  photo?: string;
  caption?: string;
  sticker?: string;
  url?: string;
  from?: ZaloUser;
  chat?: ZaloChat;
}

/** One incoming update, from getUpdates or the webhook (same object). */
export interface ZaloUpdate {
  event_name: string;
  message?: ZaloMessage;
}

export const ZALO_EVENTS = {
  text: 'message.text.received',
  image: 'message.image.received',
  sticker: 'message.sticker.received',
  voice: 'message.voice.received',
  unsupported: 'message.unsupported.received',
} as const;

/** The longest text sendMessage accepts, in UTF-16 units. */
export const ZALO_MAX_TEXT = 2000;
