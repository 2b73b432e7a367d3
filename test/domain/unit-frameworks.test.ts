/** Which framework a unit reports on for a period, after moves from a period on. */
import { describe, expect, it } from 'vitest';
import { frameworkIdAt, frameworkIdsOf } from '../../src/domain/units/frameworks.js';

const unit = {
  frameworkId: 'a',
  frameworkChanges: [
    { from: '2027-Q1', frameworkId: 'b' },
    { from: '2028', frameworkId: 'c' },
  ],
};

describe('frameworkIdAt', () => {
  it.each([
    ['2026-Q4', 'a'],
    ['2026', 'a'],
    ['2027-Q1', 'b'],
    ['2027', 'b'],
    ['2027-Q4', 'b'],
    ['2028-Q1', 'c'],
    ['2028', 'c'],
  ])('%s → %s', (period, id) => {
    expect(frameworkIdAt(unit, period)).toBe(id);
  });

  it('a yearly report is on the framework of its first quarter', () => {
    expect(
      frameworkIdAt({ frameworkId: 'a', frameworkChanges: [{ from: '2027-Q2', frameworkId: 'b' }] }, '2027'),
    ).toBe('a');
  });

  it('a unit that never moved stays on its own', () => {
    expect(frameworkIdAt({ frameworkId: 'a' }, '2030-Q1')).toBe('a');
    expect(frameworkIdsOf(unit)).toEqual(['a', 'b', 'c']);
  });
});
