import { describe, expect, it } from 'vitest';
import { runCrashTest } from '../../scripts/crash-test.js';

/**
 * The short form of `npm run crash-test`: the console chat is killed with SIGKILL five times at
 * random moments (during start-up, right after a typed line, or a while into the chat) and
 * restarted; every acknowledged answer must be stored exactly once, and "báo cáo" must resume at
 * the first unanswered criterion. The long form: `npm run crash-test -- --kills 40 [--seed <n>]`.
 */
describe('the chat survives SIGKILL', () => {
  it('keeps every acknowledged answer exactly once and resumes at the right criterion', async () => {
    // Seed 3 plans kills during start-up, right after typed lines, and a while into a chat, so some
    // answers are always acknowledged before a kill; the moments themselves vary with timing. The
    // officer types fast and lives are short: the kinds of kill are what this covers, not their count.
    const result = await runCrashTest({ kills: 5, seed: 3, lifeMs: [300, 1200], typingMs: [5, 60] });
    const context = `seed ${result.seed}: ${JSON.stringify({ ...result, problems: undefined })}`;
    expect(result.problems, context).toEqual([]);
    expect(result.kills, context).toBe(5);
    expect(result.acknowledgedAnswers, context).toBeGreaterThan(0);
    expect(result.resume.got, context).toBe(result.resume.expected);
  }, 60_000);
});
