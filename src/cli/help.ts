/** The help of `cds-bot`, written from the command table: the whole, one family, one command. */
import { CLI_OPTIONS, msg, type OptionHelp } from '../domain/messages/index.js';
import type { Command } from './command.js';

/** The options every command takes besides its own. */
export const GLOBAL_OPTIONS = {
  db: { type: 'string' },
  as: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function noteOf(command: Command, name: string): OptionHelp {
  return (
    (command.help as Record<string, OptionHelp | undefined> | undefined)?.[name] ??
    CLI_OPTIONS[name] ?? { text: '' }
  );
}

/** How an option is named in a message: "--unit", or the placeholder of the bare argument ("<tệp>"). */
export function shownName(command: Command, name: string): string {
  return name === command.positional ? (noteOf(command, name).arg ?? `<${name}>`) : `--${name}`;
}

/** "units add --code <mã> [--days <số>] <tệp>": how a command is written. */
export function synopsis(command: Command): string {
  const parts = [command.name];
  for (const [name, option] of Object.entries(command.options)) {
    if (name === command.positional) continue;
    const { arg } = noteOf(command, name);
    const written = option.flag || !arg ? `--${name}` : `--${name} ${arg}`;
    parts.push(option.required ? written : `[${written}]`);
  }
  if (command.positional) {
    const arg = noteOf(command, command.positional).arg ?? `<${command.positional}>`;
    parts.push(command.options[command.positional]?.required ? arg : `[${arg}]`);
  }
  return parts.join(' ');
}

/** One command in a list: its synopsis, a star when it acts for a person, its summary below. */
function entry(command: Command): string {
  const star = command.access === 'person' ? '* ' : '  ';
  const mark = command.isDefault ? `   ${msg.cliDefaultCommand()}` : '';
  return `${star}${synopsis(command)}${mark}\n      ${command.summary}`;
}

function table(rows: Array<[string, string]>): string[] {
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`);
}

function optionRow(command: Command | undefined, name: string, flag: boolean): [string, string] {
  const note = command ? noteOf(command, name) : (CLI_OPTIONS[name] ?? { text: '' });
  const left = name === 'help' ? '-h, --help' : flag || !note.arg ? `--${name}` : `--${name} ${note.arg}`;
  return [left, note.text];
}

/** The whole help: every command, then the options every command takes. */
export function generalHelp(commands: readonly Command[]): string {
  return [
    msg.cliTitle(),
    '',
    msg.cliUsage(msg.cliAnyCommand()),
    '',
    msg.cliCommandsHeading(),
    ...commands.map(entry),
    '',
    msg.cliGlobalHeading(),
    ...table([
      optionRow(undefined, 'db', false),
      optionRow(undefined, 'as', false),
      optionRow(undefined, 'help', true),
    ]),
    '',
    msg.cliPersonLegend(),
    msg.cliMoreHelp(),
    '',
  ].join('\n');
}

/** The commands of one family ("units"). */
export function familyHelp(family: string, commands: readonly Command[]): string {
  const members = commands.filter((c) => c.name.split(' ')[0] === family);
  return [msg.cliFamilyHeading(family), ...members.map(entry), '', msg.cliMoreHelp(), ''].join('\n');
}

/** One command: what it does, how it is written, each option, and whether it takes --as. */
export function commandHelp(command: Command): string {
  const own: Array<[string, string]> = Object.entries(command.options).map(([name, option]) =>
    name === command.positional
      ? [noteOf(command, name).arg ?? `<${name}>`, noteOf(command, name).text]
      : optionRow(command, name, option.flag),
  );
  const globals: Array<[string, string]> = [
    optionRow(undefined, 'db', false),
    ...(command.access === 'person' ? [optionRow(undefined, 'as', false)] : []),
    optionRow(undefined, 'help', true),
  ];
  return [
    `cds-bot ${command.name}: ${command.summary}`,
    '',
    msg.cliUsage(`cds-bot ${synopsis(command)}`),
    '',
    msg.cliOptionsHeading(),
    ...table([...own, ...globals]),
    '',
    command.access === 'person' ? msg.cliActsForPerson() : msg.cliOperatorOnly(),
    '',
  ].join('\n');
}
