/**
 * What a command of `cds-bot` is: its words, its summary, its options, who it acts for and what it
 * does. Each family of commands (src/cli/units.ts, reports.ts, …) declares its commands with
 * `defineCommand`; src/cli/table.ts lists them; the parser, the help and the `--as` rule read the
 * declarations. Only types and plain data here, so the help never loads the application.
 */
import type { Readable, Writable } from 'node:stream';
import type * as Z from 'zod/mini';
import type { App } from '../app/create-app.js';
import type { Actor, Identity } from '../domain/access.js';
import type { Framework } from '../domain/catalog/types.js';
import type { OptionHelp } from '../domain/messages/cli.js';
import type { UnitRecord } from '../storage/units.js';

export type Zod = typeof Z;

/**
 * One option of a command: a flag, or an option with a value. `schema` builds its zod schema,
 * which checks the raw value (a string, `true` for a flag, `undefined` when absent) and turns it
 * into what the command receives; it is built only when a command is about to run, so `--help`
 * and a mistyped option answer without loading zod.
 */
export interface Option<T = unknown> {
  flag: boolean;
  required: boolean;
  schema: (z: Zod) => Z.ZodMiniType<T>;
}

export type Options = Record<string, Option>;

/** What a command receives: each option's value, as its schema gives it. */
export type Values<O extends Options> = { [K in keyof O]: O[K] extends Option<infer T> ? T : never };

/**
 * Who a command acts for. `person`: `--as <channel:id>` makes it run with that person's role and
 * scope, exactly as in chat (without `--as`, the operator's full access). `operator`: it always
 * runs with the operator's rights, and `--as` is refused.
 */
export type Access = 'person' | 'operator';

/** What a running command has at hand. */
export interface CliContext {
  app: App;
  /** The person named by `--as`, or the operator (an admin's full access). */
  actor: Actor;
  /** Whether `--as` named a person. */
  asPerson: boolean;
  /** The messenger account `--as` named. */
  asIdentity?: Identity;
  env: Record<string, string | undefined>;
  out: Writable;
  err: Writable;
  input: Readable;
  /** A unit the actor may see; an unknown unit and a forbidden one are refused with the same words. */
  visibleUnit(code: string): Promise<UnitRecord>;
  /**
   * The framework of a unit, refused when it is not installed, with the targets of the unit's
   * commune group and, given a period, of that period's year.
   */
  /**
   * The framework of a unit for a period, with its group's and year's targets: `frameworkId` when
   * given (one of the unit's for that period), else the unit's only one (refused when it has several).
   */
  frameworkOf(unit: UnitRecord, period?: string, frameworkId?: string): Framework;
  /** A period option as a key ("2026-Q4"); the current quarter when not given. */
  periodKey(raw: string | undefined): string;
}

export interface Command<O extends Options = Options> {
  /** The words that name it: "units add", "gaps". */
  name: string;
  /** One line, from the messages module (CLI_SUMMARY). */
  summary: string;
  access: Access;
  options: O;
  /** The option that the bare argument after the words fills ("import … <file>"). */
  positional?: keyof O & string;
  /** Help notes for options whose shared note does not fit this command. */
  help?: { [K in keyof O]?: OptionHelp };
  /** Runs with no command given. */
  isDefault?: boolean;
  /** Does the work; returns the exit code (0 when nothing is returned). */
  run(ctx: CliContext, values: Values<O>): Promise<number | undefined>;
}

/** Declares a command; the declaration is typed by its options, the table holds it untyped. */
export function defineCommand<O extends Options>(command: Command<O>): Command {
  return command as unknown as Command;
}

/** A failure the operator reads on standard error (no stack trace), with the exit code to return. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
