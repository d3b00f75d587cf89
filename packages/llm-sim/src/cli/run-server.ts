import { startSim } from '../server.js';
import { flagsToOptions, type SimFlags } from './flags-to-options.js';

/** Starts the server, prints {"port":N} as the first stdout line, and closes cleanly on SIGINT/SIGTERM. */
export async function runServer(flags: SimFlags): Promise<void> {
  const sim = await startSim(flagsToOptions(flags, process.env));
  process.stdout.write(`${JSON.stringify({ port: sim.port })}\n`);
  if (process.stderr.isTTY) process.stderr.write(`llm-sim listening on ${sim.baseURL} (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await sim.close();
}
