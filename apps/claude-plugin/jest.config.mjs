import { jestConfig } from '../../tooling/jest.preset.mjs';

// Most tests start the real Claude Code CLI (a 245 MB native binary); on a shared 2-core
// machine they run one file at a time, with room for a slow start-up.
export default jestConfig(import.meta.dirname, { maxWorkers: 1, testTimeout: 180_000 });
