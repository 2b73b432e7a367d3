/** `backup <file>`: a consistent copy of the SQLite database, safe while the bot runs. Operator only. */
import { CLI_OPTION_NOTES, CLI_SUMMARY, msg } from '../domain/messages/index.js';
import { CliError, defineCommand } from './command.js';
import { text } from './options.js';

export const backup = defineCommand({
  name: 'backup',
  summary: CLI_SUMMARY.backup,
  access: 'operator',
  options: { file: text() },
  positional: 'file',
  help: { file: CLI_OPTION_NOTES.backupFile },
  async run({ app, out }, o) {
    if (app.config.databaseUrl) throw new CliError(msg.cliBackupPostgres());
    const { backupSqlite, BackupRefused } = await import('../storage/backup.js');
    try {
      const { pages } = await backupSqlite(app.config.databasePath, o.file);
      out.write(`${msg.cliBackedUp(app.config.databasePath, o.file, pages)}\n`);
      return 0;
    } catch (e) {
      if (e instanceof BackupRefused) throw new CliError(msg.cliBackupRefused(e.reason, o.file));
      throw e;
    }
  },
});
