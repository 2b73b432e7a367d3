/** `areas set|list`: named sets of units, the scope of an area's supervisors. */
import { CLI_OPTION_NOTES, CLI_SUMMARY, msg } from '../domain/messages/index.js';
import { listAreaUnits, setArea } from '../storage/officers.js';
import { findUnitByCode } from '../storage/units.js';
import { CliError, defineCommand } from './command.js';
import { codes, optional, text } from './options.js';

export const areasSet = defineCommand({
  name: 'areas set',
  summary: CLI_SUMMARY.areasSet,
  access: 'operator',
  options: { name: text(), units: optional(codes()) },
  help: { name: CLI_OPTION_NOTES.areaName },
  async run({ app, out }, o) {
    const list = o.units ?? [];
    for (const code of list) {
      if (!(await findUnitByCode(app.db, code))) throw new CliError(msg.cliNoUnit(code));
    }
    await setArea(app.db, o.name, list);
    out.write(`${msg.cliAreaSet(o.name, list.length)}\n`);
    return 0;
  },
});

export const areasList = defineCommand({
  name: 'areas list',
  summary: CLI_SUMMARY.areasList,
  access: 'operator',
  options: { name: text() },
  help: { name: CLI_OPTION_NOTES.areaName },
  async run({ app, out }, o) {
    const list = await listAreaUnits(app.db, o.name);
    out.write(`${list.length > 0 ? list.join('\n') : msg.cliAreaEmpty(o.name)}\n`);
    return 0;
  },
});
