import { describe, expect, test } from '@jest/globals';
import { globBase, globToRegExp, isGlob } from './glob.js';

describe('glob', () => {
  test.each([
    ['src/**/*.ts', 'src/a.ts', true],
    ['src/**/*.ts', 'src/x/y/a.ts', true],
    ['src/**/*.ts', 'lib/a.ts', false],
    ['src/*.ts', 'src/x/a.ts', false],
    ['**/*.md', 'README.md', true],
    ['*.{js,ts}', 'a.js', true],
    ['*.{js,ts}', 'a.rs', false],
    ['file?.txt', 'file1.txt', true],
    ['file[0-2].txt', 'file3.txt', false],
    ['file[!0-2].txt', 'file3.txt', true],
    ['a.b', 'aXb', false],
  ])('%s matches %s: %s', (glob, path, expected) => {
    expect(globToRegExp(glob).test(path)).toBe(expected);
  });

  test('the base is the leading part without glob characters', () => {
    expect(globBase('src/lib/**/*.ts')).toBe('src/lib');
    expect(globBase('*.ts')).toBe('.');
    expect(globBase('/abs/x*/y')).toBe('/abs');
    expect(isGlob('src/a.ts')).toBe(false);
  });
});
