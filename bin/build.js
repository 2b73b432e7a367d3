// The production build: src/cli.ts bundled by esbuild into dist/ (ESM; each lazily imported part in
// a chunk of its own, so the document builders and their packages still load only when used; file
// names carry a hash of their content). dist/build.json names the entry, so bin/cds-bot.js finds it
// with one small read and never looks at src/. `node bin/build.js` builds (npm run build); `prepare`
// (npm install/ci) and `npm start` run it with --if-possible, which skips when esbuild or src/ is
// not there (a deployment installed with --omit=dev runs the dist/ it was given).
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');
const MANIFEST = join(DIST, 'build.json');
const ENTRY_POINT = 'src/cli.ts';
/** Output names this build writes, so pruning never touches anything else in dist/. */
const OUTPUT_NAME = /^(cli|chunk)-[A-Za-z0-9]+\.js(\.map)?$/;
/** Outputs of older builds are removed only after this long: a process started on one may still load its chunks. */
const PRUNE_AFTER_MS = 60 * 60 * 1000;

/** What to tell an operator whose dist/ cannot be built here. */
export const HOW_TO_BUILD =
  'build it where the development dependencies are installed: `npm ci && npm run build` ' +
  '(then `npm prune --omit=dev` if the deployment should not keep them)';

/**
 * Pure-JavaScript packages every start loads, compiled into dist/ with the sources: loaded from
 * node_modules they were ~400 files (kysely and zod alone 366 ES modules) resolved and read one by
 * one, a third of a command's start-up. The other packages stay in node_modules: the native ones
 * (better-sqlite3, @napi-rs/canvas), pino (its transports load files of their own), pg (loaded only on
 * PostgreSQL) and the document builders (loaded only when a document is made).
 */
const COMPILED_IN = ['kysely', 'zod', 'yaml', 'fastest-levenshtein', 'node-cron', 'bottleneck'];

/** The runtime packages left in node_modules (and their own dependencies with them). */
function externalPackages() {
  const { dependencies = {} } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return Object.keys(dependencies).filter((name) => !COMPILED_IN.includes(name));
}

/** The esbuild options of the production build; the benchmarks compile with the same ones. */
export function buildOptions() {
  return {
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: externalPackages(),
    // The compiled-in CommonJS packages (yaml, bottleneck) call require: ESM has none of its own.
    banner: {
      js: "import { createRequire as __cdsCreateRequire } from 'node:module'; const require = __cdsCreateRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'silent',
  };
}

/**
 * The node flags the service runs with (`npm start` runs `node --optimize-for-size bin/cds-bot.js`):
 * V8 then keeps the young generation at 1 MB and grows the old one by at most 1.3× between full
 * collections, instead of letting garbage pile up to hundreds of MB (bench/startup.ts: peak RSS
 * ~260 → ~136 MB with 10,000 officers, live heap ~33 MB either way). Used by the benchmark.
 */
export function nodeFlags() {
  return ['--optimize-for-size'];
}

function readManifest() {
  try {
    return JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The entry of the build in dist/, as the last build left it; undefined when there is none. */
export function builtEntry() {
  const manifest = readManifest();
  if (typeof manifest?.entry !== 'string') return undefined;
  const entry = join(DIST, manifest.entry);
  return existsSync(entry) ? entry : undefined;
}

/** Writes a file so that a reader sees either the old or the whole new content, never a part. */
function writeAtomically(path, contents) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

/** Thrown by build() when it cannot run here at all: no esbuild (dev dependencies omitted) or no src/. */
export class CannotBuild extends Error {}

async function loadEsbuild() {
  try {
    return await import('esbuild');
  } catch (err) {
    if (err?.code === 'ERR_MODULE_NOT_FOUND') throw new CannotBuild('esbuild is not installed');
    throw err;
  }
}

/**
 * Builds dist/ from src/ and returns the entry's path. Outputs already there with the same content
 * (same name) are left alone, and nothing is written when the sources give the build there is, so
 * an unchanged build also "succeeds" on a read-only dist/. Safe to run from several processes at once.
 */
export async function build() {
  if (!existsSync(join(ROOT, ENTRY_POINT))) throw new CannotBuild(`${ENTRY_POINT} is not there`);
  const esbuild = await loadEsbuild();
  const result = await esbuild.build({
    ...buildOptions(),
    absWorkingDir: ROOT,
    entryPoints: [ENTRY_POINT],
    outdir: DIST,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    write: false,
    metafile: true,
  });
  const entry = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint === ENTRY_POINT)?.[0];
  if (!entry) throw new Error('esbuild produced no entry');
  const files = result.outputFiles.map((out) => basename(out.path));
  const manifest = `${JSON.stringify({ entry: basename(entry), files }, null, 1)}\n`;
  const previous = readManifest();
  const unchanged =
    existsSync(MANIFEST) &&
    readFileSync(MANIFEST, 'utf8') === manifest &&
    files.every((name) => existsSync(join(DIST, name)));
  if (!unchanged) {
    mkdirSync(DIST, { recursive: true });
    for (const out of result.outputFiles) {
      // Same name, same content: an output already there (from an earlier build) is kept as it is.
      if (!existsSync(out.path)) writeAtomically(out.path, out.contents);
    }
    writeAtomically(MANIFEST, manifest);
    prune(new Set([...files, ...(previous?.files ?? [])]));
  }
  return join(DIST, basename(entry));
}

/** Removes the outputs of builds older than the current and the previous one, once they are old enough. */
function prune(keep) {
  const now = Date.now();
  for (const name of readdirSync(DIST)) {
    if (!OUTPUT_NAME.test(name) || keep.has(name)) continue;
    const path = join(DIST, name);
    try {
      if (now - statSync(path).mtimeMs > PRUNE_AFTER_MS) rmSync(path, { force: true });
    } catch {
      // Removed by another build meanwhile.
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // --if-possible: no esbuild or no src/ is not an error (a deployment installed with --omit=dev);
  // a build that fails (a compile error, dist/ not writable) still is. --quiet: no "built" line.
  const ifPossible = process.argv.includes('--if-possible');
  const quiet = process.argv.includes('--quiet');
  try {
    const entry = await build();
    if (!quiet) console.log(`built ${relative(ROOT, entry)}`);
  } catch (err) {
    if (err instanceof CannotBuild && ifPossible) {
      if (quiet) {
        // npm start on a deployment: it runs the dist/ it was given.
      } else if (builtEntry()) {
        console.error(`cds-bot: dist/ not rebuilt (${err.message}): cds-bot runs the build already there`);
      } else {
        console.error(`cds-bot: dist/ not built (${err.message}); ${HOW_TO_BUILD}`);
      }
    } else {
      console.error(`cds-bot: build failed: ${err.message}`);
      process.exitCode = 1;
    }
  }
}
