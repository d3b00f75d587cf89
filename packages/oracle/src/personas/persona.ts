/** Where a persona was found, in search order. */
export type PersonaSource = 'project' | 'user' | 'claude-project' | 'claude-user' | 'builtin';

export interface Persona {
  readonly name: string;
  readonly description: string;
  /** Model this persona asks for; `--model` overrides it. */
  readonly model?: string | undefined;
  readonly temperature?: number | undefined;
  /** The system prompt (the Markdown body). Empty for the plain `default` persona. */
  readonly prompt: string;
  readonly source: PersonaSource;
  /** The file it was read from. */
  readonly path?: string | undefined;
}

/** No system prompt at all: what `oracle` asks when no persona is named. */
export const DEFAULT_PERSONA: Persona = {
  name: 'default',
  description: 'The model as it is, with no system prompt.',
  prompt: '',
  source: 'builtin',
};

/** The persona name a file would have from its base name (`reviewer.md` → `reviewer`). */
export function nameFromFile(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.md$/i, '');
}
