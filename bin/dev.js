// `npm run dev [-- <command> …]`: the cds-bot command from the TypeScript sources in src/, through
// tsx, with no build: every run shows the current sources (slower to start, and ~35 MB more memory,
// than the compiled command). For development only: tsx is a development dependency.
import { register } from 'tsx/esm/api';

// Output piped into a command that stops reading (`| head`): end quietly, as other commands do.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2), process.env);
