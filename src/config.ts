import { z } from 'zod';

const schema = z.object({
  CDS_DB: z.string().min(1).default('./data/cds.sqlite'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/i, 'use a postgres:// or postgresql:// URL')
    .optional(),
  CDS_CATALOG_DIR: z.string().min(1).optional(),
  CDS_QUARTER_DUE_DAY: z.coerce.number().int().min(1).max(28).default(11),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TELEGRAM_BOT_TOKEN: z.string().min(1).optional(),
  TELEGRAM_WEBHOOK_URL: z.url().optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, 'use 1–256 letters, digits, "_" or "-"')
    .optional(),
  ZALO_BOT_TOKEN: z.string().min(1).optional(),
  ZALO_WEBHOOK_URL: z.url().optional(),
  ZALO_WEBHOOK_SECRET: z
    .string()
    .min(8, 'at least 8 characters')
    .max(256, 'at most 256 characters')
    .optional(),
  ZALO_API_BASE: z.url().default('https://bot-api.zaloplatforms.com'),
  PUBLIC_URL: z.url().optional(),
  ZALO_MEDIA_DIR: z.string().min(1).optional(),
  ZALO_RATE_PER_SECOND: z.coerce.number().positive().max(50).default(5),
  TELEGRAM_RATE_PER_SECOND: z.coerce.number().positive().max(30).default(25),
  TELEGRAM_API_ROOT: z.url().optional(),
  HTTPS_PROXY: z.url().optional(),
  HTTP_PROXY: z.url().optional(),
  NO_PROXY: z.string().optional(),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HTTP_HOST: z.string().min(1).default('0.0.0.0'),
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).default(256),
});

export interface Config {
  /** The SQLite file (CDS_DB); unused for data when `databaseUrl` is set. */
  databasePath: string;
  /** PostgreSQL instead of SQLite (DATABASE_URL), e.g. postgres://cds@db.example/cds. */
  databaseUrl?: string;
  catalogDir?: string;
  quarterDueDay: number;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  telegramToken?: string;
  /** Telegram by webhook when both are set, by long polling otherwise. */
  telegramWebhook?: { url: string; secret: string };
  zaloToken?: string;
  /** Zalo by webhook when both are set, by long polling otherwise. */
  zaloWebhook?: { url: string; secret: string };
  zaloApiBase: string;
  /** The bot's HTTP server: where it listens, and how many connections it keeps open at once. */
  http: { port: number; host: string; maxConnections: number };
  /** The bot's public base URL, for download links (Zalo cannot send files). */
  publicUrl?: string;
  /** Where Zalo images are downloaded (their URLs expire); default: "media" beside the database. */
  zaloMediaDir?: string;
  /** Pace of bot-initiated Zalo messages (reminders, notices) for the whole bot. */
  zaloRatePerSecond: number;
  /** Pace of bot-initiated Telegram messages; Telegram asks bulk senders to stay under ~30/s. */
  telegramRatePerSecond: number;
  /** The Bot API root instead of https://api.telegram.org: a relay or a self-hosted Bot API server. */
  telegramApiRoot?: string;
  /** A standard HTTP(S) proxy for both channels' clients (HTTPS_PROXY, HTTP_PROXY, NO_PROXY). */
  proxy?: { httpsProxy?: string; httpProxy?: string; noProxy?: string };
}

/** The proxy variables, upper case first, as curl and most tools read them. */
function proxyEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY']) {
    const value = env[name] || env[name.toLowerCase()];
    if (value) out[name] = value;
  }
  return out;
}

/** Reads the configuration from environment variables; pure, so tests pass a plain object. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = {
    ...Object.fromEntries(
      Object.entries(env).filter(([k, v]) => v !== undefined && v !== '' && !/_proxy$/i.test(k)),
    ),
    ...proxyEnv(env),
  };
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (Boolean(e.TELEGRAM_WEBHOOK_URL) !== Boolean(e.TELEGRAM_WEBHOOK_SECRET)) {
    throw new Error(
      'invalid configuration: set both TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET, or neither',
    );
  }
  if (Boolean(e.ZALO_WEBHOOK_URL) !== Boolean(e.ZALO_WEBHOOK_SECRET)) {
    throw new Error('invalid configuration: set both ZALO_WEBHOOK_URL and ZALO_WEBHOOK_SECRET, or neither');
  }
  return {
    databasePath: e.CDS_DB,
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    ...(e.CDS_CATALOG_DIR ? { catalogDir: e.CDS_CATALOG_DIR } : {}),
    quarterDueDay: e.CDS_QUARTER_DUE_DAY,
    logLevel: e.LOG_LEVEL,
    ...(e.TELEGRAM_BOT_TOKEN ? { telegramToken: e.TELEGRAM_BOT_TOKEN } : {}),
    ...(e.ZALO_BOT_TOKEN ? { zaloToken: e.ZALO_BOT_TOKEN } : {}),
    ...(e.TELEGRAM_WEBHOOK_URL && e.TELEGRAM_WEBHOOK_SECRET
      ? { telegramWebhook: { url: e.TELEGRAM_WEBHOOK_URL, secret: e.TELEGRAM_WEBHOOK_SECRET } }
      : {}),
    ...(e.ZALO_WEBHOOK_URL && e.ZALO_WEBHOOK_SECRET
      ? { zaloWebhook: { url: e.ZALO_WEBHOOK_URL, secret: e.ZALO_WEBHOOK_SECRET } }
      : {}),
    zaloApiBase: e.ZALO_API_BASE.replace(/\/+$/, ''),
    http: { port: e.HTTP_PORT, host: e.HTTP_HOST, maxConnections: e.HTTP_MAX_CONNECTIONS },
    ...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL } : {}),
    ...(e.ZALO_MEDIA_DIR ? { zaloMediaDir: e.ZALO_MEDIA_DIR } : {}),
    zaloRatePerSecond: e.ZALO_RATE_PER_SECOND,
    telegramRatePerSecond: e.TELEGRAM_RATE_PER_SECOND,
    ...(e.TELEGRAM_API_ROOT ? { telegramApiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, '') } : {}),
    ...(e.HTTPS_PROXY || e.HTTP_PROXY
      ? {
          proxy: {
            ...(e.HTTPS_PROXY ? { httpsProxy: e.HTTPS_PROXY } : {}),
            ...(e.HTTP_PROXY ? { httpProxy: e.HTTP_PROXY } : {}),
            ...(e.NO_PROXY ? { noProxy: e.NO_PROXY } : {}),
          },
        }
      : {}),
  };
}
