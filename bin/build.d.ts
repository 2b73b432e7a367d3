// Types of bin/build.js (plain JavaScript: it runs before any TypeScript tooling, from `prepare`).
export const ROOT: string;
export const DIST: string;
/** The esbuild options of the production build; the benchmarks compile with the same ones. */
export function buildOptions(): Record<string, unknown>;
/** The node flags the service runs with (`npm start`). */
export function nodeFlags(): string[];
/** Every source file of the build, relative to the project, with its size and modification time. */
export function sourceStamp(): Record<string, string>;
/** The entry of the build in dist/ when it matches the sources now; undefined otherwise. */
export function freshEntry(): string | undefined;
/** Builds dist/ from src/ and returns the entry's path. */
export function build(): Promise<string>;
