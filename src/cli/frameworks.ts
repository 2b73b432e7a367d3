/** `frameworks list|show`: the criteria catalogs installed (catalogs/, or $CDS_CATALOG_DIR). */
import { targetLabel } from '../domain/messages/format.js';
import { CLI_OPTION_NOTES, CLI_SUMMARY, msg } from '../domain/messages/index.js';
import { CliError, defineCommand } from './command.js';
import { text } from './options.js';

export const frameworksList = defineCommand({
  name: 'frameworks list',
  summary: CLI_SUMMARY.frameworksList,
  access: 'operator',
  options: {},
  async run({ app, out }) {
    for (const fw of app.frameworks.values()) {
      const criteria = fw.groups.reduce((n, g) => n + g.criteria.length, 0);
      out.write(`${msg.cliFrameworkLine({ ...fw, criteria })}\n`);
    }
    return 0;
  },
});

export const frameworksShow = defineCommand({
  name: 'frameworks show',
  summary: CLI_SUMMARY.frameworksShow,
  access: 'operator',
  options: { id: text() },
  positional: 'id',
  help: { id: CLI_OPTION_NOTES.frameworkId },
  async run({ app, out }, o) {
    const fw = app.frameworks.get(o.id);
    if (!fw) throw new CliError(msg.cliUnknownFramework(o.id));
    const { listQuestions } = await import('../domain/catalog/load.js');
    out.write(`${fw.name}\n${fw.decision ? `${fw.decision}\n` : ''}${msg.cliFrameworkSource(fw.source)}\n`);
    for (const g of fw.groups) {
      out.write(`\n${g.code}. ${g.name}\n`);
      for (const q of listQuestions(fw).filter((x) => x.group === g)) {
        out.write(`  ${q.key}\t${targetLabel(q)}\t${q.part ? `${q.part.code}) ` : ''}${q.text}\n`);
      }
    }
    return 0;
  },
});
