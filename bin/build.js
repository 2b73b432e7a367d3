// The production build: src/cli.ts bundled by esbuild into dist/ (ESM; each lazily imported part in
// a chunk of its own, so the document builders and their packages still load only when used; file
// names carry a hash of their content). dist/build.json names the entry and records every source
// file it was built from (size and modification time), so bin/cds-bot.js can tell a build that
// matches src/ from a stale one. `node bin/build.js` (npm run build, and `prepare` after npm
// install/ci) builds; bin/cds-bot.js rebuilds by itself when src/ has changed.
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
/** What the build reads besides src/: this file (the options) and the TypeScript settings esbuild honours. */
const EXTRA_INPUTS = [fileURLToPath(import.meta.url), join(ROOT, 'tsconfig.json')];
/** Output names this build writes, so pruning never touches anything else in dist/. */
const OUTPUT_NAME = /^(cli|chunk)-[A-Za-z0-9]+\.js(\.map)?$/;
/** Outputs of older builds are removed only after this long: a process started on one may still load its chunks. */
const PRUNE_AFTER_MS = 60 * 60 * 1000;

/** The esbuild options of the production build; the benchmarks compile with the same ones. */
export function buildOptions() {
  return {
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Packages stay in node_modules and load as they do under tsx (native better-sqlite3 included).
    packages: 'external',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'silent',
  };
}

/**
 * The node flags the service runs with (`npm start` = `node --optimize-for-size bin/cds-bot.js`):
 * V8 then keeps the young generation at 1 MB and grows the old one by at most 1.3× between full
 * collections, instead of letting garbage pile up to hundreds of MB (bench/startup.ts: peak RSS
 * ~260 → ~136 MB with 10,000 officers, live heap ~33 MB either way). Used by the benchmark.
 */
export function nodeFlags() {
  return ['--optimize-for-size'];
}

/** Every source file of the build, relative to the project, with its size and modification time. */
export function sourceStamp() {
  const files = {};
  const add = (path) => {
    const s = statSync(path);
    files[relative(ROOT, path)] = `${s.size}:${s.mtimeMs}`;
  };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) add(path);
    }
  };
  walk(join(ROOT, 'src'));
  for (const path of EXTRA_INPUTS) add(path);
  return files;
}

function readManifest() {
  try {
    return JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return undefined;
  }
}

function sameStamp(a, b) {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b ?? {}).length && keys.every((k) => a[k] === b[k]);
}

/**
 * The entry of the build in dist/ when it was built from exactly the sources there are now (same
 * files, sizes and modification times); undefined when there is none or it is stale.
 */
export function freshEntry() {
  const manifest = readManifest();
  if (!manifest?.entry || !manifest.sources) return undefined;
  let stamp;
  try {
    stamp = sourceStamp();
  } catch {
    return undefined;
  }
  if (!sameStamp(stamp, manifest.sources)) return undefined;
  const entry = join(DIST, manifest.entry);
  return existsSync(entry) ? entry : undefined;
}

/** Writes a file so that a reader sees either the old or the whole new content, never a part. */
function writeAtomically(path, contents) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

/** Builds dist/ from src/ and returns the entry's path. Safe to run from several processes at once. */
export async function build() {
  // Stamped before compiling: a file edited meanwhile makes the next start rebuild.
  const sources = sourceStamp();
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    ...buildOptions(),
    absWorkingDir: ROOT,
    entryPoints: ['src/cli.ts'],
    outdir: DIST,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    write: false,
    metafile: true,
  });
  mkdirSync(DIST, { recursive: true });
  const files = [];
  for (const out of result.outputFiles) {
    files.push(basename(out.path));
    // Same name, same content: an output already there (from an earlier build) is kept as it is.
    if (!existsSync(out.path)) writeAtomically(out.path, out.contents);
  }
  const entry = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint === 'src/cli.ts')?.[0];
  if (!entry) throw new Error('esbuild produced no entry');
  const previous = readManifest();
  writeAtomically(
    MANIFEST,
    `${JSON.stringify({ entry: basename(entry), files, sources, builtAt: new Date().toISOString() }, null, 1)}\n`,
  );
  prune(new Set([...files, ...(previous?.files ?? [])]));
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
  const optional = process.argv.includes('--if-possible');
  try {
    const entry = await build();
    console.log(`built ${relative(ROOT, entry)}`);
  } catch (err) {
    // `prepare` must not fail an install: bin/cds-bot.js then runs the sources through tsx.
    console.error(`cds-bot: build failed: ${err.message}`);
    if (!optional) process.exitCode = 1;
  }
}
