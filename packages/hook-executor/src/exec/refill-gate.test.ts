// serve holds the gate while an event is in hand: the pools must not fork the server before the
// event's answer is written, and must start again once it is (or once a hold lapses).
import { describe, expect, test } from '@jest/globals';
import { executeEvent } from '../execute-event.js';
import { simpleConfig, sleep, tempDir } from '../test-helpers/fixtures.js';
import { RefillGate } from './refill-gate.js';
import { WarmShells } from './warm-shells.js';

const idleOf = (warm: WarmShells) => (warm as unknown as { idle: unknown[] }).idle.length;

async function until(check: () => boolean): Promise<boolean> {
  for (let i = 0; i < 1000 && !check(); i++) await sleep(10);
  return check();
}

describe('refill gate', () => {
  test('no shell starts while an event holds the gate; the pool refills once it is released', async () => {
    const gate = new RefillGate(60_000, 20);
    const warm = new WarmShells(2, process.env, gate);
    try {
      expect(await until(() => idleOf(warm) === 2)).toBe(true);
      const dir = tempDir();
      const release = gate.hold();
      const config = simpleConfig('Stop', [{ id: 'a', command: ': a' }, { id: 'b', command: ': b' }]);
      await executeEvent('Stop', { hook_event_name: 'Stop', cwd: dir }, config, { projectDir: dir, warmShells: warm });
      expect([warm.taken, warm.missed]).toEqual([2, 0]);
      await sleep(300);
      expect(idleOf(warm)).toBe(0);
      release();
      release(); // a second call changes nothing
      expect(await until(() => idleOf(warm) === 2)).toBe(true);
      expect(gate.open).toBe(true);
    } finally {
      warm.close();
    }
  });

  test('the gate opens only after a quiet spell; a hold lapses by itself', async () => {
    const gate = new RefillGate(200, 20);
    let opened = 0;
    gate.onOpen(() => opened++);
    gate.hold()();
    expect(gate.open).toBe(false); // released, but not yet quiet
    expect(await until(() => opened === 1)).toBe(true);
    expect(gate.open).toBe(true);
    gate.hold();
    gate.hold();
    expect(gate.open).toBe(false);
    expect(await until(() => opened === 2)).toBe(true); // both lapsed
    expect(gate.open).toBe(true);
  });
});
