/**
 * What a command runs on, loaded only once a command is to run: the application (configuration,
 * database, catalogs), who it acts for, and the lookups every command shares.
 */

import type { Readable, Writable } from 'node:stream';
import { type App, createApp } from '../app/create-app.js';
import { parseConfig } from '../config.js';
import { type Actor, canSeeUnit, type Identity } from '../domain/access.js';
import { judgedOn } from '../domain/catalog/groups.js';
import { msg } from '../domain/messages/index.js';
import { currentQuarter, fromKey, parsePeriod, periodKey } from '../domain/periods/periods.js';
import { frameworkIdAt, frameworkIdsAt } from '../domain/units/frameworks.js';
import { findActorByIdentity } from '../storage/officers.js';
import { findUnitByCode } from '../storage/units.js';
import { type CliContext, CliError } from './command.js';

/** The operator: full access, like an admin; no person behind it. */
const OPERATOR: Actor = { role: 'admin', personId: 0 };

/**
 * Opens the application. The bot itself (`run`, `chat`) logs at the configured level; other
 * commands only warn, so their output stays what the operator asked for.
 */
export async function openApp(
  env: Record<string, string | undefined>,
  db: string | undefined,
  serving: boolean,
): Promise<App> {
  const config = parseConfig({ ...env, ...(db ? { CDS_DB: db } : {}) });
  const logLevel = serving && env.LOG_LEVEL ? config.logLevel : ('warn' as const);
  return createApp({ ...config, logLevel });
}

/** The account `--as channel:id` names. */
function accountOf(as: string): Identity {
  const m = /^([a-z]+):(.+)$/.exec(as);
  if (!m?.[1] || !m[2]) throw new CliError(msg.cliBadAs());
  return { channel: m[1], externalId: m[2] };
}

/** The person `--as channel:id` names, with their role and scope. */
async function personOf(app: App, as: string): Promise<Actor> {
  const actor = await findActorByIdentity(app.db, accountOf(as));
  if (!actor) throw new CliError(msg.cliUnknownPerson(as));
  return actor;
}

/** The context of a command: the operator, or the person `--as` names. */
export async function contextFor(
  app: App,
  as: string | undefined,
  io: { env: Record<string, string | undefined>; out: Writable; err: Writable; input: Readable },
): Promise<CliContext> {
  const actor = as === undefined ? OPERATOR : await personOf(app, as);
  return {
    app,
    actor,
    asPerson: as !== undefined,
    ...(as !== undefined ? { asIdentity: accountOf(as) } : {}),
    ...io,
    async visibleUnit(code) {
      const unit = await findUnitByCode(app.db, code);
      if (!unit || !canSeeUnit(actor, unit)) throw new CliError(msg.cliNoUnit(code));
      return unit;
    },
    frameworkOf(unit, period, wanted) {
      const ids = period ? frameworkIdsAt(unit, period) : [unit.frameworkId];
      if (period && wanted !== undefined && !ids.includes(wanted))
        throw new CliError(msg.cliNotOnFramework(unit.code, period, wanted, ids));
      if (period && wanted === undefined && ids.length > 1)
        throw new CliError(msg.cliSeveralFrameworks(unit.code, period, ids));
      const id = wanted ?? (period ? frameworkIdAt(unit, period) : unit.frameworkId);
      const fw = app.frameworks.get(id);
      if (!fw) throw new CliError(msg.cliFrameworkNotInstalled(id, unit.code));
      // The unit's NTM commune group picks the targets that differ per group.
      return judgedOn(fw, unit.group, period);
    },
    periodKey(raw) {
      if (raw === undefined) return periodKey(currentQuarter(app.clock()));
      const p = fromKey(raw) ?? parsePeriod(raw, app.clock());
      if (!p) throw new CliError(msg.cliBadPeriod(raw));
      return periodKey(p);
    },
  };
}
