import { beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { findChromium, headless } from './test-helpers/chromium.js';
import { writeKnownStore } from './test-helpers/known-store.js';
import { BIN, tempDir } from './test-helpers/paths.js';
import { inspectPng } from './test-helpers/png.js';
import { runProcess } from './test-helpers/run-process.js';

// The page is written by the real CLI and rendered by real headless Chromium.
describe('hook-monitor html in headless Chromium', () => {
  let work: string;
  let page: string;
  let html: string;

  beforeAll(async () => {
    work = tempDir('hook-monitor-html-');
    const store = path.join(work, 'store');
    writeKnownStore(store);
    page = path.join(work, 'hooks.html');
    const result = await runProcess(process.execPath, [BIN, 'html', '--dir', store, '--out', page]);
    expect(result.stderr.toString()).toBe('');
    expect(result.code).toBe(0);
    html = fs.readFileSync(page, 'utf8');
  });

  test('the page is self-contained: inline CSS and SVG, no script, no external resource', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|@import|url\(|<img|@font-face/i);
    // The only URL is the SVG namespace, which is a name, not a fetch.
    expect(html.match(/https?:\/\/[^"]*/g)?.every((url) => url === 'http://www.w3.org/2000/svg')).toBe(true);
  });

  test('the rendered DOM has one SVG bar per hook that ran in the recent runs, and box plots per hook', async () => {
    const chromium = findChromium();
    const result = await headless(chromium, path.join(work, 'profile-dom'), page, ['--dump-dom']);
    const dom = result.stdout.toString();
    expect(dom).toContain('</svg>');
    const bars = [...dom.matchAll(/<rect class="bar[^"]*" data-hook="([^"]+)"/g)].map((match) => match[1]);
    // 5 runs: 3 + 3 + 2 (b was skipped) + 3 + 1 hooks ran
    expect(bars).toHaveLength(12);
    expect(new Set(bars)).toEqual(new Set(['a', 'b', 'c', 'guard']));
    expect(dom).toMatch(/<rect class="bar timeout critical" data-hook="a"/);
    const boxes = [...dom.matchAll(/<rect class="box" data-hook="([^"]+)"/g)].map((match) => match[1]);
    expect(boxes).toEqual(['a', 'b', 'c', 'guard']);
    expect(dom.match(/<polyline class="trend p50"/g)).toHaveLength(2);
  }, 120_000);

  test('a screenshot shows the charts (a real, non-blank PNG)', async () => {
    const chromium = findChromium();
    const shot = path.join(work, 'page.png');
    await headless(chromium, path.join(work, 'profile-shot'), page, [`--screenshot=${shot}`, '--hide-scrollbars']);
    expect(fs.existsSync(shot)).toBe(true);
    const png = fs.readFileSync(shot);
    expect(png.length).toBeGreaterThan(20_000);
    const info = inspectPng(png);
    expect(info).toMatchObject({ width: 1200, height: 900 });
    expect(info.inkShare).toBeGreaterThan(0.02);
  }, 120_000);

  test('an empty store still gives a valid page that says so', async () => {
    const out = path.join(work, 'empty.html');
    const result = await runProcess(process.execPath, [BIN, 'html', '--dir', path.join(work, 'none'), '--out', out, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout.toString())).toMatchObject({ runs: 0, file: out });
    expect(fs.readFileSync(out, 'utf8')).toContain('No hook runs recorded yet');
  });
});
