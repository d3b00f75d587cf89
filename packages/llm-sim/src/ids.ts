import { randomBytes } from 'node:crypto';

// Unique within a process and across restarts, without per-request randomness.
const RUN = randomBytes(4).toString('hex');
let counter = 0;

/** A new id like "chatcmpl-1f2e3d4c00000a". */
export function newId(prefix: string): string {
  return `${prefix}${RUN}${(++counter).toString(36).padStart(6, '0')}`;
}
