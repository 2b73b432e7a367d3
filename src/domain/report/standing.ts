/** Where a unit stands with the province for a period: the five places the web view filters on. */

export type Standing = 'on_time' | 'late' | 'reporting' | 'not_started' | 'no_officer';

export const STANDINGS: readonly Standing[] = ['on_time', 'late', 'reporting', 'not_started', 'no_officer'];

/**
 * A submitted report is on time or late; otherwise a unit with answers is reporting, one with an
 * officer but no answer has not started, and one with neither has no officer to report.
 */
export function standingOf(u: {
  submission?: { onTime: boolean } | undefined;
  answered: number;
  officers: number;
}): Standing {
  if (u.submission) return u.submission.onTime ? 'on_time' : 'late';
  if (u.answered > 0) return 'reporting';
  return u.officers > 0 ? 'not_started' : 'no_officer';
}
