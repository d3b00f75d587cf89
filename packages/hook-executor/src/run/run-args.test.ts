// `run`'s arguments, parsed without yargs: what is accepted and the one-line errors for the rest.
import { describe, expect, test } from '@jest/globals';
import { parseRunArgs } from './run-io.js';

const USAGE = '(usage: hook-executor run --event <Event> [--config FILE])';

describe('parseRunArgs', () => {
  test.each<[string[], object]>([
    [[], {}],
    [['--event', 'Stop'], { event: 'Stop' }],
    [['--event=Stop', '--config', 'hooks.json'], { event: 'Stop', config: 'hooks.json' }],
    [['--config=a=b.json'], { config: 'a=b.json' }],
    [['--event', 'A', '--event', 'B'], { event: 'B' }],
    // The next argument is the value, whatever it looks like.
    [['--event', '--config'], { event: '--config' }],
    [['--event', '-x'], { event: '-x' }],
  ])('%j → %j', (argv, args) => {
    expect(parseRunArgs(argv)).toEqual(args);
  });

  test.each<[string[], string]>([
    [['--evnt', 'Stop'], `unknown argument "--evnt" ${USAGE}`],
    [['--evnt=Stop'], `unknown argument "--evnt=Stop" ${USAGE}`],
    [['Stop'], `unknown argument "Stop" ${USAGE}`],
    [['-e', 'Stop'], `unknown argument "-e" ${USAGE}`],
    [['-ex'], `unknown argument "-ex" ${USAGE}`],
    [['--'], `unknown argument "--" ${USAGE}`],
    [['--event', 'Stop', 'extra'], `unknown argument "extra" ${USAGE}`],
    [['--event'], '--event needs a value'],
    [['--event='], '--event needs a value'],
    [['--config', ''], '--config needs a value'],
  ])('%j is refused: %s', (argv, message) => {
    expect(() => parseRunArgs(argv)).toThrow(expect.objectContaining({ code: 'USAGE', message }));
  });
});
