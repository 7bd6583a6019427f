// Shell completion in real bash: the script from `xinfang completion bash` is sourced, bash's
// `complete -p` shows it bound, and its function — driven with COMP_WORDS/COMP_CWORD as bash
// does on Tab — offers commands, options, and this ledger's leaders, units and case numbers
// (through the hidden `xinfang __complete`, which reads them through the index).
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, newLedger, NOW, run, tempDir, TEAM } from '../helpers/index.js';

let root: string;
let script: string;
let bin: string;

beforeAll(async () => {
  ensureBuilt();
  root = await newLedger({ leaders: TEAM, units: ['民政办', '司法所'] });
  for (const name of ['张秀英', '李强']) {
    const r = run(['visit', 'add', '--name', name, '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '抚恤金未发放', '--leader', 'L01'], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
  }
  bin = tempDir();
  writeFileSync(join(bin, 'xinfang'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'xinfang'), 0o755);
  const s = run(['completion', 'bash']);
  expect(s.code, s.stderr).toBe(0);
  script = join(bin, 'xinfang.bash');
  writeFileSync(script, s.stdout);
}, 120_000);

/** The candidates bash's completion function gives for `xinfang WORDS…` (the last being completed). */
function complete(words: string[]): string[] {
  const arr = ['xinfang', ...words].map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('bash', ['-c', `source '${script}'; COMP_WORDS=(${arr}); COMP_CWORD=${words.length}; _xinfang; printf '%s\\n' "\${COMPREPLY[@]}"`], {
    cwd: root,
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, XINFANG_NOW: NOW, XINFANG_LEDGER: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n').filter(Boolean);
}

describe('bash completion', () => {
  it('is bound to xinfang when the script is sourced', () => {
    const r = spawnSync('bash', ['-c', `source '${script}'; complete -p xinfang`], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('complete -o default -F _xinfang xinfang');
  });

  it('commands and subcommands', () => {
    expect(complete(['ca'])).toEqual(['case', 'calendar']);
    expect(complete(['roster', 'pu'])).toEqual(['publish']);
    expect(complete(['case', ''])).toContain('close');
  });

  it('options of the command', () => {
    expect(complete(['case', 'list', '--st'])).toEqual(['--status']);
    expect(complete(['--wi'])).toEqual(['--wide']);
  });

  it('leader and unit names after their options, from the ledger', () => {
    expect(complete(['case', 'assign', 'A0001', '--leader', ''])).toEqual(['王建国', '张志强', '刘芳']);
    expect(complete(['case', 'assign', 'A0001', '--leader', '张'])).toEqual(['张志强']);
    expect(complete(['visit', 'add', '--unit', '民'])).toEqual(['民政办']);
    expect(complete(['leader', 'show', '刘'])).toEqual(['刘芳']);
  });

  it('case numbers, full or short', () => {
    expect(complete(['case', 'show', 'QS'])).toEqual(['QS-2026-A0001', 'QS-2026-A0002']);
    expect(complete(['case', 'show', 'A0002'])).toEqual(['A0002']);
    expect(complete(['visit', 'add', '--case', 'QS-2026-A000'])).toEqual(['QS-2026-A0001', 'QS-2026-A0002']);
  });

  it('nothing (and no error) outside a ledger', () => {
    const r = spawnSync('bash', ['-c', `source '${script}'; COMP_WORDS=(xinfang case show ''); COMP_CWORD=3; _xinfang; echo "n=\${#COMPREPLY[@]}"`], {
      cwd: tempDir(),
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, XINFANG_LEDGER: '' },
      encoding: 'utf8',
    });
    expect(r.stdout.trim()).toBe('n=0');
    expect(r.stderr).toBe('');
  });

  it('zsh: a script that defines the function and registers it with compdef', () => {
    const r = run(['completion', 'zsh']);
    expect(r.stdout).toMatch(/^#compdef xinfang/);
    expect(r.stdout).toContain('xinfang __complete');
    expect(run(['completion', 'fish']).code).toBe(2);
  });
});
