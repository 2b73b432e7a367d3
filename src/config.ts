import { z } from 'zod';

const schema = z.object({
  CDS_DB: z.string().min(1).default('./data/cds.sqlite'),
  CDS_CATALOG_DIR: z.string().min(1).optional(),
  CDS_QUARTER_DUE_DAY: z.coerce.number().int().min(1).max(28).default(11),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TELEGRAM_BOT_TOKEN: z.string().min(1).optional(),
  ZALO_BOT_TOKEN: z.string().min(1).optional(),
});

export interface Config {
  databasePath: string;
  catalogDir?: string;
  quarterDueDay: number;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  telegramToken?: string;
  zaloToken?: string;
}

/** Reads the configuration from environment variables; pure, so tests pass a plain object. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    databasePath: e.CDS_DB,
    ...(e.CDS_CATALOG_DIR ? { catalogDir: e.CDS_CATALOG_DIR } : {}),
    quarterDueDay: e.CDS_QUARTER_DUE_DAY,
    logLevel: e.LOG_LEVEL,
    ...(e.TELEGRAM_BOT_TOKEN ? { telegramToken: e.TELEGRAM_BOT_TOKEN } : {}),
    ...(e.ZALO_BOT_TOKEN ? { zaloToken: e.ZALO_BOT_TOKEN } : {}),
  };
}
