/** Something in flight that a signal can stop. */
export interface Abortable {
  abort(reason: unknown): void;
}

// Calls in flight per signal. A run hands one signal to every call it makes; an AbortSignal scans its
// whole listener list on each addEventListener, so a listener per call costs O(in-flight) per call.
// Here each signal gets one listener, the first time it is seen, and calls join and leave a Set.
const inFlight = new WeakMap<AbortSignal, Set<Abortable>>();

/** Aborts `call` when `signal` aborts (at once if it already has); O(1) at any number of calls per signal. */
export function watchAbort(signal: AbortSignal, call: Abortable): void {
  if (signal.aborted) {
    call.abort(signal.reason);
    return;
  }
  let calls = inFlight.get(signal);
  if (calls === undefined) {
    const set = new Set<Abortable>();
    inFlight.set(signal, set);
    signal.addEventListener(
      'abort',
      () => {
        inFlight.delete(signal);
        for (const each of set) each.abort(signal.reason);
        set.clear();
      },
      { once: true },
    );
    calls = set;
  }
  calls.add(call);
}

/** The call ended: `signal` no longer needs to reach it. */
export function unwatchAbort(signal: AbortSignal, call: Abortable): void {
  inFlight.get(signal)?.delete(call);
}
