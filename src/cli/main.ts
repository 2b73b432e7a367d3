/**
 * `cds-bot [command] [options]`: finds the command in the table, checks its options against the
 * declaration, answers `--help`, applies the `--as` rule, then opens the application and runs it.
 * Up to the run, only the table, the messages and node:util are loaded: `--help` and a mistyped
 * option answer at once, without zod, the database driver, grammY, docx or exceljs.
 */
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { msg } from '../domain/messages/index.js';
import { CliError, type Command } from './command.js';
import { commandHelp, familyHelp, GLOBAL_OPTIONS, generalHelp, shownName } from './help.js';
import { COMMANDS } from './table.js';

type ParseOptions = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** Every option any command takes, with its type, for node:util parseArgs. */
function allOptions(): ParseOptions {
  const all: ParseOptions = { ...GLOBAL_OPTIONS };
  for (const c of COMMANDS) {
    for (const [name, option] of Object.entries(c.options)) {
      if (name !== c.positional) all[name] = { type: option.flag ? 'boolean' : 'string' };
    }
  }
  return all;
}

interface Given {
  name: string;
  rawName: string;
  value: string | undefined;
  inline: boolean;
}

/** The options and bare words of a command line, unchecked. */
function tokenize(argv: string[], options: ParseOptions): { given: Given[]; words: string[] } {
  const { tokens } = parseArgs({ args: argv, options, allowPositionals: true, strict: false, tokens: true });
  const given: Given[] = [];
  const words: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'positional') words.push(t.value);
    if (t.kind === 'option') {
      given.push({ name: t.name, rawName: t.rawName, value: t.value, inline: Boolean(t.inlineValue) });
    }
  }
  return { given, words };
}

/** The command the words name, and the words left after it; a family name alone is told apart. */
function findCommand(words: string[]): { command?: Command; rest: string[]; family?: string } {
  if (words.length === 0) return { command: COMMANDS.find((c) => c.isDefault), rest: [] };
  for (const size of [2, 1]) {
    const name = words.slice(0, size).join(' ');
    const command = words.length >= size ? COMMANDS.find((c) => c.name === name) : undefined;
    if (command) return { command, rest: words.slice(size) };
  }
  const family = COMMANDS.some((c) => c.name.startsWith(`${words[0]} `)) ? words[0] : undefined;
  return { rest: words.slice(1), ...(family ? { family } : {}) };
}

/** The first wrong option for this command, in the operator's words; undefined when all are right. */
function wrongOption(command: Command, given: Given[], options: ParseOptions): string | undefined {
  for (const g of given) {
    const type = options[g.name]?.type;
    if (!type) return msg.cliUnknownOption(g.rawName);
    if (!(g.name in GLOBAL_OPTIONS) && (!(g.name in command.options) || g.name === command.positional)) {
      return msg.cliOptionNotHere(g.rawName, command.name);
    }
    if (type === 'string' && (g.value === undefined || (!g.inline && g.value.startsWith('-')))) {
      return msg.cliNeedsValue(g.rawName);
    }
    if (type === 'boolean' && g.value !== undefined) return msg.cliTakesNoValue(g.rawName);
  }
  return undefined;
}

/** Checks the values against the command's zod schemas; the values it gets, or the reasons refused. */
async function validate(
  command: Command,
  raw: Record<string, string | boolean | undefined>,
): Promise<{ ok: true; values: Record<string, unknown> } | { ok: false; reasons: string[] }> {
  const z = await import('zod/mini');
  const shape = Object.fromEntries(Object.entries(command.options).map(([n, o]) => [n, o.schema(z)]));
  const parsed = z.object(shape).safeParse(raw);
  if (parsed.success) return { ok: true, values: parsed.data };
  const reasons = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '');
    const shown = shownName(command, name);
    return raw[name] === undefined
      ? msg.cliMissing(shown)
      : msg.cliBadOption(shown, issue.code === 'custom' ? issue.message : msg.cliEmpty());
  });
  return { ok: false, reasons: [...new Set(reasons)] };
}

/**
 * Runs one CLI invocation; returns the exit code: 0 done, 1 refused or failed, 2 a command line
 * that cannot be read (an unknown or misplaced option). Messages go to `err`, output to `out`;
 * `input` is what `chat` reads.
 */
export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
  out: Writable = process.stdout,
  err: Writable = process.stderr,
  input: Readable = process.stdin,
): Promise<number> {
  const fail = (message: string, help: string, code: number) => {
    err.write(`${message.replace(/^/gm, 'cds-bot: ')}\n\n${help}`);
    return code;
  };
  const options = allOptions();
  const { given, words } = tokenize(argv, options);
  const wantsHelp = given.some((g) => g.name === 'help');
  const { command, rest, family } = findCommand(words);
  if (!command) {
    if (family && wantsHelp) {
      out.write(familyHelp(family, COMMANDS));
      return 0;
    }
    return family
      ? fail(msg.cliUnknownSubcommand(family, rest[0]), familyHelp(family, COMMANDS), 1)
      : fail(msg.cliUnknownCommand(words.join(' ')), generalHelp(COMMANDS), 1);
  }
  const wrong = wrongOption(command, given, options);
  const help = words.length === 0 ? generalHelp(COMMANDS) : commandHelp(command);
  if (wrong) return fail(wrong, help, 2);
  if (wantsHelp) {
    out.write(help);
    return 0;
  }
  const raw: Record<string, string | boolean | undefined> = {};
  for (const g of given) raw[g.name] = g.value ?? true;
  const [argument, ...extra] = rest;
  if (argument !== undefined && !command.positional) return fail(msg.cliExtraArgument(argument), help, 2);
  if (extra[0] !== undefined) return fail(msg.cliExtraArgument(extra[0]), help, 2);
  if (command.positional) raw[command.positional] = argument;
  const as = typeof raw.as === 'string' ? raw.as : undefined;
  if (as !== undefined && command.access === 'operator') {
    err.write(`cds-bot: ${msg.cliAsRefused(command.name)}\n`);
    return 1;
  }
  const own = Object.fromEntries(Object.entries(raw).filter(([n]) => n in command.options));
  const checked = await validate(command, own);
  if (!checked.ok) return fail(checked.reasons.join('\n'), help, 1);

  const { openApp, contextFor } = await import('./runtime.js');
  let app: Awaited<ReturnType<typeof openApp>> | undefined;
  try {
    const db = typeof raw.db === 'string' ? raw.db : undefined;
    app = await openApp(env, db, command.name === 'run' || command.name === 'chat');
    const ctx = await contextFor(app, as, { env, out, err, input });
    return (await command.run(ctx, checked.values)) ?? 0;
  } catch (e) {
    err.write(`cds-bot: ${(e as Error).message}\n`);
    return e instanceof CliError ? e.exitCode : 1;
  } finally {
    await app?.close();
  }
}
