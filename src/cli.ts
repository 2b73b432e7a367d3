/** The entry of the `cds-bot` command (bin/cds-bot.js, the build): the command table in src/cli/. */
export { main } from './cli/main.js';
