export { ALLOWED_UPDATES, createTelegramBot, type TelegramDeps } from './bot.js';
export { type StartTelegramOptions, startTelegram, WEBHOOK_BODY_LIMIT } from './start.js';
