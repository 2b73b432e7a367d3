#!/usr/bin/env node
// The installed command (`npx cds-bot`; `npm start` rebuilds first, then runs this): runs the
// compiled build in dist/ that bin/build.js made (at npm install, npm run build or npm start),
// found through dist/build.json. It never looks at src/: an edit there shows after a build (while
// developing, `npm run dev` runs the sources through tsx). When there is no build (installed with
// --ignore-scripts, dist/ deleted) it says so and builds it if esbuild is installed; otherwise it
// tells the operator how to build it and exits: it never runs something else in its place.
import { pathToFileURL } from 'node:url';
import { build, builtEntry, CannotBuild, HOW_TO_BUILD } from './build.js';

// Output piped into a command that stops reading (`| head`): end quietly, as other commands do.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
let entry = builtEntry();
if (!entry) {
  process.stderr.write(
    'cds-bot: no compiled build in dist/ (npm install makes it, but not with --ignore-scripts or --omit=dev); building it now\n',
  );
  try {
    entry = await build();
  } catch (err) {
    process.stderr.write(
      err instanceof CannotBuild
        ? `cds-bot: cannot build dist/ here (${err.message}); ${HOW_TO_BUILD}\n`
        : `cds-bot: the build failed: ${err.message}\n`,
    );
    process.exitCode = 1;
  }
}
if (entry) {
  const { main } = await import(pathToFileURL(entry).href);
  process.exitCode = await main(process.argv.slice(2), process.env);
}
