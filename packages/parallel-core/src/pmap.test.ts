import { expect, test } from '@jest/globals';
import { pmap } from './index.js';

test('placeholder maps', async () => {
  expect(await pmap([1, 2], async (x) => x * 2)).toEqual([2, 4]);
});
