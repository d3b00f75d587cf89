import { describe, expect, test } from '@jest/globals';
import { progressLines } from './progress-lines.js';

function stream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const out = { isTTY, text: '', write(chunk: string) { out.text += chunk; return true; } };
  return out as unknown as NodeJS.WriteStream & { text: string };
}

describe('progressLines', () => {
  test('one line per round event on a TTY', () => {
    const tty = stream(true);
    const report = progressLines(tty, {})!;
    report({ type: 'answers', round: 1, ok: 2, failed: 1 });
    report({ type: 'round-start', round: 2, speculative: true });
    report({ type: 'verdict', round: 1, converged: true });
    report({ type: 'cancelled', round: 2, calls: 3 });
    expect(tty.text.split('\n').filter(Boolean).map((line) => line.replace(/ \(\d+\.\d s\)/, ''))).toEqual([
      'council: round 1: 2 answered, 1 failed',
      'council: round 2 started speculatively',
      'council: round 1: converged',
      'council: round 2 cancelled, 3 calls aborted in flight',
    ]);
  });

  test('silent when not a TTY or under CI', () => {
    expect(progressLines(stream(false), {})).toBeUndefined();
    expect(progressLines(stream(true), { CI: 'true' })).toBeUndefined();
  });
});
