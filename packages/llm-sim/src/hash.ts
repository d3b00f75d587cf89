// Cheap, well-mixed hashing and a seeded PRNG. Answers must be deterministic per
// request and seed, and weighted choices must split close to their weights even when
// requests differ only in a trailing seed, so the hash has a proper final mix.

/** Incremental 53-bit string hash (cyrb53's mixing), fed field by field. */
export class Hash53 {
  #h1 = 0xdeadbeef;
  #h2 = 0x41c6ce57;

  update(text: string): this {
    let h1 = this.#h1;
    let h2 = this.#h2;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    // A separator so ("ab","c") and ("a","bc") differ.
    this.#h1 = Math.imul(h1 ^ 0x1f, 2654435761);
    this.#h2 = Math.imul(h2 ^ 0x1f, 1597334677);
    return this;
  }

  /** An integer in [0, 2^53). */
  digest(): number {
    let h1 = this.#h1;
    let h2 = this.#h2;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
    h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
  }
}

/** A number in [0, 1) from a 53-bit hash. */
export function unitFromHash(hash: number): number {
  return hash / 9007199254740992;
}

/** mulberry32: a small, fast PRNG returning numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A PRNG for one purpose ("latency", "errors"…) derived from the server seed. */
export function streamFor(seed: number, purpose: string): () => number {
  const hash = new Hash53().update(String(seed)).update(purpose).digest();
  return seededRandom(hash % 4294967296);
}
