import { type Logger, pino } from 'pino';
import { BUNDLED_CATALOG_DIR, loadCatalogDir } from '../catalogs.js';
import type { Config } from '../config.js';
import type { Identity } from '../domain/access.js';
import type { Framework } from '../domain/catalog/types.js';
import { type CalendarConfig, DEFAULT_CALENDAR } from '../domain/periods/deadlines.js';
import { createDb, type Db } from '../storage/db.js';
import { createEngine, type Engine } from './turn.js';
import type { Outgoing, Sender } from './types.js';

export interface App {
  config: Config;
  db: Db;
  frameworks: Map<string, Framework>;
  calendar: CalendarConfig;
  engine: Engine;
  logger: Logger;
  clock: () => Date;
  /** The channels that can reach people on the bot's own initiative, filled as channels start. */
  senders: Map<string, Sender>;
  close(): Promise<void>;
}

/** Logs go to standard error, so the console chat on standard output stays clean. Tokens are redacted. */
export function createLogger(level: Config['logLevel']): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['token', '*.token', 'config.telegramToken', 'config.zaloToken', 'url', '*.url'],
        censor: '[redacted]',
      },
    },
    pino.destination(2),
  );
}

/** The composition root: configuration → database (migrated) → catalogs → engine. */
export async function createApp(
  config: Config,
  opts: { clock?: () => Date; logger?: Logger } = {},
): Promise<App> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const frameworks = loadCatalogDir(config.catalogDir ?? BUNDLED_CATALOG_DIR);
  const db = await createDb(config.databaseUrl ?? config.databasePath, {
    onError: (err) => logger.error({ err: err.message }, 'database connection lost'),
  });
  const calendar = { ...DEFAULT_CALENDAR, quarterDueDay: config.quarterDueDay };
  const clock = opts.clock ?? (() => new Date());
  const senders = new Map<string, Sender>();
  const notify = async (who: Identity, replies: Outgoing[]) => {
    const sender = senders.get(who.channel);
    if (!sender) {
      logger.info({ channel: who.channel }, 'notice not sent: channel not running');
      return false;
    }
    return sender.send(who.externalId, replies).then(
      () => true,
      (err) => {
        logger.warn({ channel: who.channel, err: (err as Error).message }, 'notice not delivered');
        return false;
      },
    );
  };
  const webUrl = config.publicUrl ?? `http://localhost:${config.http.port}`;
  const engine = createEngine({ db, frameworks, clock, calendar, logger, notify, webUrl });
  return {
    config,
    db,
    frameworks,
    calendar,
    engine,
    logger,
    clock,
    senders,
    close: () => db.destroy(),
  };
}
