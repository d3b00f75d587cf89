import type { ToolDefinition } from '../tool.js';
import { councilTool } from './council.js';
import { hooksReportTool } from './hooks-report.js';
import { offloadTool } from './offload.js';
import { oracleTool } from './oracle.js';
import { swarmTool } from './swarm.js';

/** Every tool the server offers, in the order `tools/list` shows them. */
export const TOOLS: readonly ToolDefinition[] = [oracleTool, councilTool, swarmTool, offloadTool, hooksReportTool];
