// `pnpm demo`: oracle, council, swarm, the hook executor and offload on the built-in simulator — no key,
// no network — each beside the time the same work takes done one thing after another.
import { councilStep } from './council-step.js';
import { createContext } from './context.js';
import { hooksStep } from './hooks-step.js';
import { offloadStep } from './offload-step.js';
import { oracleStep } from './oracle-step.js';
import { bold, line } from './say.js';
import { swarmStep } from './swarm-step.js';

async function main(): Promise<void> {
  const started = performance.now();
  const ctx = createContext();
  line(bold('fanout demo — everything below runs offline against llm-sim, the built-in OpenAI-compatible simulator.'));
  await oracleStep(ctx);
  await councilStep(ctx);
  await swarmStep(ctx);
  await hooksStep();
  await offloadStep();
  line();
  line(bold(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s. The same commands against a real endpoint:`));
  line('  export OPENAI_API_KEY=…          oracle --batch judge,critic,skeptic "your question"');
  line('  export OPENROUTER_API_KEY=…      council --provider openrouter --model anthropic/claude-sonnet-4 --rounds 3 --speculative "…"');
  line('  ollama serve                     swarm --provider ollama --model llama3.1 --n 200 --vote "…"');
  line('  any OpenAI-compatible server     oracle --base-url http://host:port/v1 --model NAME "…"');
  line('  Claude Code hooks                hook-executor install   (moves your hooks behind one parallel executor)');
  line('  a question about a big codebase  offload --map-model gpt-4.1-nano "Where do we validate webhooks?" src/');
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
