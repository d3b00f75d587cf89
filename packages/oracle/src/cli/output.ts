import { redact } from '../redact.js';

/** Where the CLI writes. Everything passes through `redact`, so no key can reach a terminal or a log. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Adds secrets learnt later (e.g. the resolved provider's key). */
  addSecret(secret: string | undefined): void;
  readonly stdoutIsTTY: boolean;
}

export function createOutput(secrets: readonly string[], stdout: NodeJS.WriteStream = process.stdout, stderr: NodeJS.WriteStream = process.stderr): Output {
  const known = new Set(secrets);
  return {
    out: (text) => void stdout.write(redact(text, known)),
    err: (text) => void stderr.write(redact(text, known)),
    addSecret(secret) {
      if (secret) known.add(secret);
    },
    stdoutIsTTY: stdout.isTTY === true,
  };
}
