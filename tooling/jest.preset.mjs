// The one ESM story for every package's tests: jest runs in ESM mode
// (node --experimental-vm-modules), @swc/jest strips types without type-checking
// (tsc does that in `typecheck`), relative `.js` specifiers map back to `.ts` sources,
// and sibling packages resolve to their TypeScript source through the `source`
// export condition, so tests never depend on a stale build.
import path from 'node:path';

/** @param {string} packageDir absolute path of the package whose tests run */
export function jestConfig(packageDir, overrides = {}) {
  const name = path.basename(packageDir);
  return {
    rootDir: packageDir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
    extensionsToTreatAsEsm: ['.ts'],
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        {
          jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
          module: { type: 'es6' },
          sourceMaps: 'inline',
        },
      ],
    },
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    testEnvironmentOptions: { customExportConditions: ['source', 'node', 'node-addons'] },
    testTimeout: 30_000,
    passWithNoTests: true,
    displayName: name,
    ...overrides,
  };
}
