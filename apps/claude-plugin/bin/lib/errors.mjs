// The launcher's one error class: a stable `code`, one line of message for the user.

/** @typedef {'TOOL_NOT_FOUND' | 'NOT_BUILT' | 'USAGE'} FanoutPluginErrorCode */

export class FanoutPluginError extends Error {
  /**
   * @param {FanoutPluginErrorCode} code
   * @param {string} message
   * @param {{ cause?: unknown }} [options]
   */
  constructor(code, message, options) {
    super(message, options);
    this.name = 'FanoutPluginError';
    /** @readonly */
    this.code = code;
  }
}
