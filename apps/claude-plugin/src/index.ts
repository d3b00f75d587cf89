export { PLUGIN_NAME, PLUGIN_ROOT, pluginPath } from './plugin-root.js';
