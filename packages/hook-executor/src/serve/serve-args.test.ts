// `serve`'s arguments, parsed without yargs (`--ensure` runs as a SessionStart hook).
import { describe, expect, test } from '@jest/globals';
import { parseServeArgs } from './serve-args.js';

describe('parseServeArgs', () => {
  test.each<[string[], object]>([
    [[], { mode: 'foreground', json: false }],
    [['--port', '0', '--config', 'h.json'], { port: 0, config: 'h.json', mode: 'foreground', json: false }],
    [['--port=8123', '--ensure'], { port: 8123, mode: 'ensure', json: false }],
    [['--status', '--json'], { mode: 'status', json: true }],
    [['--detach'], { mode: 'detach', json: false }],
    [['--stop'], { mode: 'stop', json: false }],
    // A value given to a flag that takes none is ignored.
    [['--json=no', '--stop=1'], { mode: 'stop', json: true }],
    [['--help'], { mode: 'help', json: false }],
    [['-h'], { mode: 'help', json: false }],
    [['--json', '--help', '--bogus'], { mode: 'help', json: true }],
  ])('%j → %j', (argv, args) => {
    expect(parseServeArgs(argv)).toEqual(args);
  });

  test.each<[string[], string]>([
    [['--bogus'], 'unknown argument "--bogus" (see hook-executor serve --help)'],
    [['--bogus', '--help'], 'unknown argument "--bogus" (see hook-executor serve --help)'],
    [['--port=1=2'], '--port must be a port number from 0 to 65535, got "1=2"'],
    [['8123'], 'unknown argument "8123" (see hook-executor serve --help)'],
    [['-p', '1'], 'unknown argument "-p" (see hook-executor serve --help)'],
    [['-hx'], 'unknown argument "-hx" (see hook-executor serve --help)'],
    [['--port'], '--port needs a value'],
    [['--config='], '--config needs a value'],
    [['--port', 'x'], '--port must be a port number from 0 to 65535, got "x"'],
    [['--port', '--json'], '--port must be a port number from 0 to 65535, got "--json"'],
    [['--port', '70000'], '--port must be a port number from 0 to 65535, got "70000"'],
    [['--stop', '--ensure'], '--stop and --ensure cannot be combined'],
    [['--status', '--status'], '--status and --status cannot be combined'],
  ])('%j is refused: %s', (argv, message) => {
    expect(() => parseServeArgs(argv)).toThrow(expect.objectContaining({ code: 'USAGE', message }));
  });
});
