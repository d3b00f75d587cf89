import { describe, expect, test } from '@jest/globals';
import { AbortError, GraphError, ParallelCoreError, TaskTimeoutError } from './index.js';

describe('errors', () => {
  test('take (code, message, { cause }) like the other fanout packages’ errors, cause set by Error itself', () => {
    const cause = new Error('root');
    const error = new ParallelCoreError('ABORTED', 'stopped', { cause });
    expect(error).toMatchObject({ name: 'ParallelCoreError', code: 'ABORTED', message: 'stopped', cause });
    expect(Object.getOwnPropertyDescriptor(error, 'cause')).toMatchObject({ enumerable: false });
    const graph = new GraphError('GRAPH_CYCLE', 'Dependency cycle: a → a', { nodeId: 'a', cycle: ['a', 'a'] });
    expect(graph).toBeInstanceOf(ParallelCoreError);
    expect(graph).toMatchObject({ name: 'GraphError', code: 'GRAPH_CYCLE', message: 'Dependency cycle: a → a', nodeId: 'a', cycle: ['a', 'a'] });
    expect(new AbortError('gone', { cause })).toMatchObject({ name: 'AbortError', code: 'ABORTED', message: 'gone', cause });
    expect(new TaskTimeoutError(50, 3)).toMatchObject({ code: 'TASK_TIMEOUT', message: 'Task 3 timed out after 50 ms', timeoutMs: 50, index: 3 });
  });
});
