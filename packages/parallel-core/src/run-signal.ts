import { setMaxListeners } from 'node:events';

/**
 * The controller behind a run's shared signal. Every running task may listen on that signal (fetch
 * does), so it gets no listener cap: the default of 10 would warn of a leak at concurrency 11.
 */
export function createRunController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
