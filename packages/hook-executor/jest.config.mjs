import { jestConfig } from '../../tooling/jest.preset.mjs';

export default jestConfig(import.meta.dirname, { globalSetup: '<rootDir>/test/global-setup.mjs' });
