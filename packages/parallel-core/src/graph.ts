// The lean entry for running a dependency graph (`@fanout/parallel-core/graph`): runGraph and its
// errors only. A plain graph loads a handful of modules; options that need per-task policies (time
// limits, retry, rate limits…) load those on first use. For hook runners on every event.
export { runGraph } from './run-graph.js';
export { AbortError, GraphError, ParallelCoreError, TaskTimeoutError, type ParallelCoreErrorCode } from './errors.js';
export type { GraphNode, GraphOptions, GraphResult, NodeOutcome, PoolOptions } from './types.js';
