// Progress per round on stderr, only on a TTY and never under CI: one short line per event.
import type { CouncilEvent } from '../types.js';

export function progressLines(stream: NodeJS.WriteStream = process.stderr, env = process.env): ((event: CouncilEvent) => void) | undefined {
  if (!stream.isTTY || env['CI']) return undefined;
  const started = performance.now();
  const at = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  return (event) => {
    switch (event.type) {
      case 'round-start':
        if (event.speculative) stream.write(`council: round ${event.round} started speculatively (${at()})\n`);
        break;
      case 'answers':
        stream.write(`council: round ${event.round}: ${event.ok} answered${event.failed ? `, ${event.failed} failed` : ''} (${at()})\n`);
        break;
      case 'verdict':
        stream.write(
          `council: round ${event.round}: ${event.converged ? 'converged' : 'not converged'}` +
            `${event.parseError ? ` (verdict unreadable: ${event.parseError})` : ''} (${at()})\n`,
        );
        break;
      case 'cancelled':
        stream.write(`council: round ${event.round} cancelled, ${event.calls} calls aborted in flight\n`);
        break;
    }
  };
}
