import { describe, expect, test } from '@jest/globals';
import { offload } from './offload.js';
import { resolveOptions } from './options.js';

describe('options', () => {
  test('defaults', () => {
    const o = resolveOptions({ question: ' q ', paths: ['.'], cacheDir: false });
    expect(o).toMatchObject({
      question: 'q',
      budget: 800,
      concurrency: 50,
      retries: 5,
      chunkTokens: 6000,
      reduceInputTokens: 12000,
      keepUnverified: false,
      cacheDir: false,
    });
  });

  test.each([
    [{ question: '  ', paths: ['.'] }, 'the question is empty: say what the readers should look for'],
    [{ question: 'q' }, 'nothing to read: give paths (files, directories, globs) or text on stdin'],
    [{ question: 'q', paths: ['.'], concurrency: 0 }, 'Expected `concurrency` to be an integer from 1 and up, got `0` (number)'],
    [{ question: 'q', paths: ['.'], chunkTokens: 10.5 }, 'Expected `chunkTokens` to be an integer from 100 and up, got `10.5` (number)'],
    [{ question: 'q', paths: ['.'], timeoutMs: -1 }, 'Expected `timeoutMs` to be a number above 0, got `-1` (number)'],
    [{ question: 'q', paths: [''] }, 'Expected `paths` to be an array of non-empty strings'],
  ])('%j is refused: %s', (options, message) => {
    expect(() => resolveOptions(options as never)).toThrow(expect.objectContaining({ code: 'USAGE', message }));
  });

  test('offload rejects bad options before reading or connecting', async () => {
    await expect(offload({ question: '', paths: ['/nonexistent'], provider: 'sim' })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(offload({ question: 'q', paths: ['/nonexistent/x'], provider: 'sim' })).rejects.toMatchObject({
      code: 'E_INPUT',
      message: '/nonexistent/x: no such file or directory',
    });
  });
});
