// The user guide (docs/guide/) is checked by running it: every ```console block's `$ …`
// lines are run in order on a temp folder — `xinfang` as the built CLI, `git` as git, `cd`
// moving the working folder — with "today" set by the chapters' `<!-- 今天：… -->` comments,
// and the output shown under each command must appear in the real output, in order
// (`…` stands for anything: a whole line of it for any lines, inside a line for any text).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, ROOT, tempDir } from '../helpers/index.js';

const GUIDE = join(ROOT, 'docs', 'guide');

interface Step {
  chapter: string;
  now: string;
  command: string;
  expected: string[];
}

/** The steps of the guide, chapter by chapter (files named 01-… in order). */
function guideSteps(): Step[] {
  const steps: Step[] = [];
  let now = '';
  for (const file of readdirSync(GUIDE).filter((f) => /^\d\d-.*\.md$/.test(f)).sort()) {
    const lines = readFileSync(join(GUIDE, file), 'utf8').split('\n');
    let inConsole = false;
    let inOther = false;
    for (const line of lines) {
      const today = /^<!-- 今天：(\d{4}-\d\d-\d\d) (\d\d:\d\d) -->$/.exec(line);
      if (today) now = `${today[1]}T${today[2]}:00+08:00`;
      if (line.startsWith('```')) {
        if (inConsole || inOther) inConsole = inOther = false;
        else if (line.trim() === '```console') inConsole = true;
        else inOther = true;
        continue;
      }
      if (!inConsole) continue;
      if (line.startsWith('$ ')) steps.push({ chapter: file, now, command: line.slice(2), expected: [] });
      else steps.at(-1)!.expected.push(line);
    }
  }
  return steps;
}

/** Words of a command line as a shell splits them (double quotes only, as the guide uses). */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

const pattern = (l: string) => new RegExp(`^${l.trimEnd().split('…').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);

/** Does every expected line appear in `actual`, in order? Returns the first that does not. */
function missing(expected: string[], actual: string[]): string | undefined {
  let at = 0;
  for (const e of expected) {
    if (!e.trim() || e.trim() === '…') continue;
    const re = pattern(e);
    const k = actual.findIndex((a, i) => i >= at && re.test(a.trimEnd()));
    if (k < 0) return e;
    at = k + 1;
  }
  return undefined;
}

describe('the user guide, run', () => {
  it('has the chapters of a month', () => {
    const steps = guideSteps();
    const chapters = [...new Set(steps.map((s) => s.chapter))];
    expect(chapters).toEqual(['01-安装.md', '02-建台账.md', '03-排班公示.md', '04-登记.md', '05-办理结案.md', '06-季度报表.md', '07-两台电脑.md']);
    expect(steps.length).toBeGreaterThan(40);
    for (const s of steps) expect(['xinfang', 'git', 'cd'], s.command).toContain(words(s.command)[0]);
  });

  it('every command runs and prints what the guide shows', () => {
    ensureBuilt();
    let cwd = tempDir('xinfang-guide-');
    const home = tempDir('xinfang-guide-home-');
    for (const s of guideSteps()) {
      const w = words(s.command);
      if (w[0] === 'cd') {
        cwd = resolve(cwd, w[1]!);
        continue;
      }
      const [exe, args] = w[0] === 'xinfang' ? [process.execPath, [BIN, ...w.slice(1)]] : [w[0]!, w.slice(1)];
      const r = spawnSync(exe, args, {
        cwd,
        encoding: 'utf8',
        timeout: 60_000,
        // A clerk's machine: no git identity of its own (setup and init give the clone one).
        env: { PATH: process.env.PATH, HOME: home, XINFANG_NOW: s.now, NO_COLOR: '1', COLUMNS: '100', GIT_CONFIG_NOSYSTEM: '1', LANG: 'C.UTF-8' },
      });
      const out = `${r.stdout}${r.stderr}`;
      const where = `${s.chapter}: $ ${s.command}\n${out}`;
      // A command may fail only where the guide shows its error.
      if (!s.expected.some((l) => l.startsWith('错误：'))) expect(r.status, where).toBe(0);
      else expect(r.status, where).not.toBe(0);
      expect(missing(s.expected, out.split('\n')), where).toBeUndefined();
    }
  }, 600_000);
});
