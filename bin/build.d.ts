// Types of bin/build.js (plain JavaScript: it runs before any TypeScript tooling, from `prepare`).
export const ROOT: string;
export const DIST: string;
/** What to tell an operator whose dist/ cannot be built here. */
export const HOW_TO_BUILD: string;
/** The esbuild options of the production build; the benchmarks compile with the same ones. */
export function buildOptions(): Record<string, unknown>;
/** The node flags the service runs with (`npm start`). */
export function nodeFlags(): string[];
/** The entry of the build in dist/, as the last build left it; undefined when there is none. */
export function builtEntry(): string | undefined;
/** Thrown by build() when it cannot run here at all: no esbuild (dev dependencies omitted) or no src/. */
export class CannotBuild extends Error {}
/** Builds dist/ from src/ and returns the entry's path. */
export function build(): Promise<string>;
