import { jestConfig } from '../../tooling/jest.preset.mjs';

// Tests spawn the built CLI and recorder (real processes), so dist/ is brought up to date first.
export default jestConfig(import.meta.dirname, { globalSetup: '<rootDir>/test-setup/build-dist.mjs' });
