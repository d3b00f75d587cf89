import { describe, expect, test } from '@jest/globals';
import { shouldColour } from './colour.js';
import { renderWaterfall } from './render-waterfall.js';
import { sampleRecord } from './test-helpers/sample-record.js';

const record = sampleRecord(
  'run-x',
  [
    ['lint', 0, 50],
    ['types', 50, 100, { after: ['lint'] }],
    ['fmt', 0, 20, { exit_code: 1, error: 'exit 1' }],
    ['notify', 0, 60, { background: true }],
  ],
  { wall_ms: 101 },
);

describe('renderWaterfall', () => {
  test('one bar per hook on a shared axis, the critical path starred, bars placed by time', () => {
    const lines = renderWaterfall(record, { width: 80 }).split('\n');
    const row = (id: string) => lines.find((line) => line.slice(4).startsWith(`${id} `))!;
    expect(row('lint').startsWith('  * ')).toBe(true);
    expect(row('types').startsWith('  * ')).toBe(true);
    expect(row('fmt').startsWith('    ')).toBe(true);
    expect(row('fmt')).toContain('FAILED exit 1');
    expect(row('notify')).toContain('░');
    const bar = (id: string) => row(id).split('│')[1]!;
    // lint fills the first half of the axis, types the second half
    expect(bar('lint').indexOf('█')).toBe(0);
    expect(bar('types').indexOf('█')).toBeGreaterThanOrEqual(Math.floor(bar('types').length / 2) - 1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
  });

  test('colour only when enabled', () => {
    expect(renderWaterfall(record, { colour: false })).not.toContain('\u001B[');
    expect(renderWaterfall(record, { colour: true })).toContain('\u001B[33m');
  });

  test('shouldColour: FORCE_COLOR wins, NO_COLOR and non-TTY turn it off', () => {
    expect(shouldColour({ isTTY: true }, {})).toBe(true);
    expect(shouldColour({ isTTY: false }, {})).toBe(false);
    expect(shouldColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldColour({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(shouldColour({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
  });
});
