/** `web` (the web view alone on HTTP_PORT) and `web-link --as <channel:id>` (a one-time login link). */
import { CLI_SUMMARY, msg } from '../domain/messages/index.js';
import { CliError, defineCommand } from './command.js';

export const web = defineCommand({
  name: 'web',
  summary: CLI_SUMMARY.web,
  access: 'operator',
  options: {},
  async run(ctx) {
    const { startWebOnly } = await import('../main.js');
    const server = await startWebOnly(ctx.app);
    const base = ctx.app.config.publicUrl ?? `http://localhost:${server.port}`;
    ctx.out.write(`${msg.cliWebServing(`${base.replace(/\/+$/, '')}/web/`)}\n`);
    await new Promise<void>((done) => {
      const stop = () => void server.stop().then(done);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
});

export const webLink = defineCommand({
  name: 'web-link',
  summary: CLI_SUMMARY.webLink,
  access: 'person',
  options: {},
  async run(ctx) {
    if (!ctx.asPerson) throw new CliError(msg.cliWebLinkAsOnly());
    const [{ issueWebLink, LINK_MINUTES, SESSION_HOURS }, { appDeps }] = await Promise.all([
      import('../app/web.js'),
      import('../main.js'),
    ]);
    const { url } = await issueWebLink(appDeps(ctx.app), ctx.actor.personId, ctx.app.clock());
    ctx.out.write(`${msg.webLink(url, LINK_MINUTES, SESSION_HOURS)}\n`);
    return 0;
  },
});
