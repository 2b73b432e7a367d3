export { type StartZaloOptions, startZalo, WEBHOOK_BODY_LIMIT, type ZaloChannel } from './channel.js';
export {
  type CallOptions,
  createZaloClient,
  type FetchLike,
  ZaloApiError,
  type ZaloClient,
  type ZaloClientOptions,
  ZaloNetworkError,
} from './client.js';
export { DEFAULT_RATE, type ZaloRateOptions } from './outbox.js';
export type * from './types.js';
export { ZALO_EVENTS, ZALO_MAX_TEXT } from './types.js';
export { readIncoming, unwrapUpdate } from './updates.js';
