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
export { createZaloSender, DEFAULT_ZALO_LIMITS, type ZaloLimits } from './send.js';
export type * from './types.js';
export { ZALO_EVENTS, ZALO_MAX_TEXT } from './types.js';
export { readIncoming, unwrapUpdate } from './updates.js';
