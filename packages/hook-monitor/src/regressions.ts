// '@fanout/hook-monitor/regressions': what `hook-executor guard hook-budget` loads — the regression
// finder and its one-line message only, not the renderers or OpenTelemetry behind '/report'.
export { findRegressions } from './find-regressions.js';
export type { Regression, RegressionOptions } from './find-regressions.js';
export { formatRegression } from './format-budgets.js';
