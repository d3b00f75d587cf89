import { describe, expect, test } from '@jest/globals';
import { splitArgs } from '../bin/lib/split-args.mjs';

describe('splitArgs (a slash command argument line → argv)', () => {
  test.each([
    ['', []],
    ['   \n ', []],
    ['--batch judge,critic is it safe?', ['--batch', 'judge,critic', 'is', 'it', 'safe?']],
    [`"two words" 'single $HOME' x`, ['two words', 'single $HOME', 'x']],
    [`say "a \\"quoted\\" word"`, ['say', 'a "quoted" word']],
    [`back\\ slash \\"`, ['back slash', '"']],
    [`what's next?`, ["what's", 'next?']], // an apostrophe is a letter
    [`it's "fine" isn't it`, ["it's", 'fine', "isn't", 'it']],
    [`'it's quoted' 'x'`, ["it's quoted", 'x']],
    [`say 'unclosed`, ['say', "'unclosed"]], // a quote with no partner is just a character
    [`l'été`, ["l'été"]],
    [`-f a.txt\n-f b.txt  question`, ['-f', 'a.txt', '-f', 'b.txt', 'question']],
    [`pre"mid dle"post`, ['premid dlepost']],
    [`""`, ['']],
    [`$HOME $(rm -rf /) \`id\` *`, ['$HOME', '$(rm', '-rf', '/)', '`id`', '*']], // nothing is expanded
    ['hi \\!bang', ['hi', '!bang']], // Claude Code escapes a word-initial ! as \! in arguments
  ])('%j', (line, words) => {
    expect(splitArgs(line)).toEqual(words);
  });
});
