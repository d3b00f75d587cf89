import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PersonaFileError, UnknownPersonaError } from '../errors.js';
import { findPersonas, listPersonas } from './load-personas.js';
import { parsePersona } from './parse-persona.js';

const BUILTINS = ['advocate', 'arbiter', 'critic', 'judge', 'pragmatist', 'skeptic'];

let root: string;
let cwd: string;
let home: string;
const env = {};

async function put(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'oracle-personas-'));
  cwd = path.join(root, 'project');
  home = path.join(root, 'home');
  await put(
    path.join(cwd, '.fanout/personas/reviewer.md'),
    '---\nname: reviewer\ndescription: Reviews code\ntemperature: 0.1\nmodel: gpt-4o\n---\nYou review code.\n',
  );
  await put(path.join(cwd, '.fanout/personas/judge.md'), '---\nname: judge\ndescription: Project judge\n---\nProject-specific judging.\n');
  await put(path.join(home, '.config/fanout/personas/mentor.md'), '---\nname: mentor\ndescription: Teaches\n---\nYou teach.\n');
  await put(path.join(home, '.config/fanout/personas/reviewer.md'), '---\nname: reviewer\ndescription: shadowed\n---\nnot used\n');
  // Claude Code's own shape, including an unquoted colon in the description (invalid YAML it accepts).
  await put(
    path.join(cwd, '.claude/agents/security-auditor.md'),
    '---\nname: security-auditor\ndescription: Use this agent when: code touches auth\ntools: Read, Grep\nmodel: sonnet\n---\nYou audit security.\n',
  );
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('personas', () => {
  test('listPersonas: project, user, .claude/agents, then built-ins; first name wins; each with its source', async () => {
    const personas = await listPersonas({ cwd, home, env });
    const byName = Object.fromEntries(personas.map((p) => [p.name, p]));
    expect(Object.keys(byName).sort()).toEqual([...BUILTINS, 'mentor', 'reviewer', 'security-auditor'].sort());
    expect(byName['reviewer']).toMatchObject({ source: 'project', description: 'Reviews code', temperature: 0.1, model: 'gpt-4o', prompt: 'You review code.' });
    expect(byName['judge']).toMatchObject({ source: 'project', prompt: 'Project-specific judging.' });
    expect(byName['mentor']).toMatchObject({ source: 'user' });
    expect(byName['security-auditor']).toMatchObject({
      source: 'claude-project',
      description: 'Use this agent when: code touches auth',
      model: undefined, // Claude's alias "sonnet" is not an API model
      prompt: 'You audit security.',
    });
    expect(byName['critic']).toMatchObject({ source: 'builtin' });
  });

  test('built-ins ship as files and the arbiter asks for a JSON verdict', async () => {
    const [arbiter] = await findPersonas(['arbiter'], { cwd: root, home: root, env });
    expect(arbiter!.source).toBe('builtin');
    expect(arbiter!.prompt).toMatch(/"converged"/);
    expect(arbiter!.prompt).toMatch(/"synthesis"/);
  });

  test('findPersonas keeps the order asked and is case-insensitive', async () => {
    const found = await findPersonas(['Skeptic', 'reviewer', 'security-auditor'], { cwd, home, env });
    expect(found.map((p) => p.name)).toEqual(['skeptic', 'reviewer', 'security-auditor']);
  });

  test('an unknown persona lists the known ones', async () => {
    const error = await findPersonas(['nobody'], { cwd, home, env }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownPersonaError);
    expect((error as Error).message).toMatch(/^unknown persona "nobody"; known: .*judge.*critic/);
  });

  test('malformed front matter names the file and line; it shadows a built-in of its name', async () => {
    const broken = path.join(root, 'broken');
    const file = path.join(broken, '.fanout/personas/critic.md');
    await put(file, '---\nname: critic\ndescription: [unclosed\n---\nbody\n');
    const error = await findPersonas(['critic'], { cwd: broken, home: root, env }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PersonaFileError);
    expect((error as Error).message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: invalid YAML front matter`));
    // Asking for another persona is not blocked by the broken file; listing all reports it.
    await expect(findPersonas(['judge'], { cwd: broken, home: root, env })).resolves.toHaveLength(1);
    await expect(listPersonas({ cwd: broken, home: root, env })).rejects.toThrow(PersonaFileError);
  });

  test('parsePersona: no front matter uses the file name; bad fields are named', () => {
    expect(parsePersona('Just a prompt.', { file: '/x/plain.md', source: 'project' })).toMatchObject({
      name: 'plain',
      prompt: 'Just a prompt.',
      description: '',
    });
    expect(() => parsePersona('---\nname: x\ntemperature: hot\n---\n', { file: 'x.md', source: 'project' })).toThrow(/x\.md: `temperature` must be a number/);
    expect(() => parsePersona('---\nname: x\n', { file: 'y.md', source: 'project' })).toThrow(/y\.md:1: front matter starts with --- but has no closing/);
    expect(() => parsePersona('---\n- a\n- b\n---\n', { file: 'z.md', source: 'project' })).toThrow(/z\.md:2: front matter must be a mapping/);
  });
});
