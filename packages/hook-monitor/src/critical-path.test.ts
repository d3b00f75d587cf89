import { describe, expect, test } from '@jest/globals';
import { criticalPath, sequentialMs } from './critical-path.js';
import { sampleRecord } from './test-helpers/sample-record.js';

describe('criticalPath', () => {
  test('walks back from the latest end through the dependency that ended last', () => {
    const { hooks } = sampleRecord('r', [
      ['fmt', 0, 30],
      ['lint', 0, 50],
      ['types', 50, 90, { after: ['fmt', 'lint'] }],
      ['notify', 0, 200, { background: true }],
      ['short', 0, 80],
    ]);
    expect(criticalPath(hooks).map((hook) => hook.id)).toEqual(['lint', 'types']);
    expect(sequentialMs(hooks)).toBe(30 + 50 + 40 + 80);
  });

  test('skipped and background hooks never gate; an empty run has no path', () => {
    const { hooks } = sampleRecord('r', [['a', 0, 10], ['b', 0, 0, { skipped: 'cancelled' }]]);
    expect(criticalPath(hooks).map((hook) => hook.id)).toEqual(['a']);
    expect(criticalPath([])).toEqual([]);
  });
});
