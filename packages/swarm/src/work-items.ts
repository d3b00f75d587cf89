import type { InputPrompt } from './input-reader.js';

/** One call to make. Mutable `attempts`/`startedAt` are set by the runner (no per-item closures). */
export interface WorkItem {
  readonly id: string;
  readonly persona: string | null;
  readonly prompt: string;
  /** Sent as the request's `seed`, so a scripted server answers each item its own way. */
  readonly seed: number;
  /** Attempts started so far. */
  attempts: number;
  /** performance.now() of the first attempt (0 before). */
  startedAt: number;
}

export interface ItemSource {
  /** Every item of the work, skipped ones included. */
  readonly n: number;
  /** Whether an id (as written in results.jsonl) belongs to this work. */
  belongs(id: string): boolean;
  /** The items, lazily, leaving out `done` ids (each one left out is reported to `onSkip`). */
  items(done: ReadonlySet<string> | undefined, onSkip?: (id: string) => void): Generator<WorkItem>;
}

/** One prompt asked `n` times: ids `0..n-1` (seed = id), crossed with `personas` when given. */
export function promptSource(prompt: string, n: number, personas: readonly string[]): ItemSource {
  const crossed = personas.length > 0;
  const list: readonly (string | null)[] = crossed ? personas : [null];
  const known = new Set(personas);
  return {
    n: n * list.length,
    belongs(id) {
      let base = id;
      if (crossed) {
        const colon = id.indexOf(':');
        if (colon === -1 || !known.has(id.slice(colon + 1))) return false;
        base = id.slice(0, colon);
      }
      if (!/^(0|[1-9]\d*)$/.test(base)) return false;
      return Number(base) < n;
    },
    *items(done, onSkip) {
      for (let i = 0; i < n; i++) {
        const base = String(i);
        for (const persona of list) {
          const id = crossed ? `${base}:${persona}` : base;
          if (done?.has(id)) {
            onSkip?.(id);
            continue;
          }
          yield { id, persona, prompt, seed: i, attempts: 0, startedAt: 0 };
        }
      }
    },
  };
}

function seedOf(prompt: InputPrompt): number {
  return /^(0|[1-9]\d{0,14})$/.test(prompt.id) ? Number(prompt.id) : prompt.index;
}

/**
 * Prompts from an input file (`read` streams them again on each call), each crossed with `personas`
 * when given (ids `<id>:<persona>`), else with its own `persona` field if any.
 */
export function inputSource(read: () => Iterable<InputPrompt>, ids: ReadonlyMap<string, number>, personas: readonly string[]): ItemSource {
  const crossed = personas.length > 0;
  const known = new Set(personas);
  return {
    n: ids.size * (crossed ? personas.length : 1),
    belongs(id) {
      if (!crossed) return ids.has(id);
      const colon = id.lastIndexOf(':');
      return colon !== -1 && known.has(id.slice(colon + 1)) && ids.has(id.slice(0, colon));
    },
    *items(done, onSkip) {
      for (const p of read()) {
        const seed = seedOf(p);
        if (!crossed) {
          if (done?.has(p.id)) onSkip?.(p.id);
          else yield { id: p.id, persona: p.persona ?? null, prompt: p.prompt, seed, attempts: 0, startedAt: 0 };
          continue;
        }
        for (const persona of personas) {
          const id = `${p.id}:${persona}`;
          if (done?.has(id)) onSkip?.(id);
          else yield { id, persona, prompt: p.prompt, seed, attempts: 0, startedAt: 0 };
        }
      }
    },
  };
}
