export { ALLOWED_UPDATES, buildTelegramBot, createTelegramBot, type TelegramDeps } from './bot.js';
export { DEFAULT_TELEGRAM_LIMITS, type TelegramLimits } from './limits.js';
export { type StartTelegramOptions, startTelegram, WEBHOOK_BODY_LIMIT } from './start.js';
