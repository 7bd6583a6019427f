// src/cli/run.ts: output to a pipe or a file is gathered and written in pieces; what is
// written, and its order against stderr in a shared log (2>&1), is as if each line had been
// written at once — including what is left when the process ends without main() flushing.
import { openSync, closeSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run, tempDir } from '../helpers/index.js';

function shared(script: string): string {
  const log = join(tempDir(), 'log.txt');
  const fd = openSync(log, 'w');
  try {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', `const { processIO, flushOutput } = await import(${JSON.stringify(join(ROOT, 'dist', 'cli', 'run.js'))});\n${script}`], { stdio: ['ignore', fd, fd] });
    expect(r.status).toBe(0);
  } finally {
    closeSync(fd);
  }
  return readFileSync(log, 'utf8');
}

describe('stdout gathered when it is not a terminal', () => {
  it('keeps the order of stdout and stderr in one log, and writes what is left at exit', () => {
    expect(shared("const io = processIO(); io.stdout('一\\n'); io.stdout('二\\n'); io.stderr('错\\n'); io.stdout('三\\n');")).toBe('一\n二\n错\n三\n');
    // Over 64 kB: written in pieces as it goes, the rest at exit, nothing lost or reordered.
    const out = shared("const io = processIO(); for (let i = 0; i < 20000; i++) io.stdout(`第 ${i} 行\\n`); io.stderr('完\\n');");
    const lines = out.split('\n').filter(Boolean);
    expect(lines).toHaveLength(20001);
    expect(lines[19999]).toBe('第 19999 行');
    expect(lines[20000]).toBe('完');
    expect(shared("const io = processIO(); io.stdout('a'); flushOutput(); io.stdout('b\\n'); process.exit(0);")).toBe('ab\n');
  });

  it('a thousand lines are one write', () => {
    // Counted where the pieces go: fs.writeSync on stdout (run.ts writes synchronously).
    const script =
      "const fs = (await import('node:fs')).default; const { syncBuiltinESMExports } = await import('node:module'); const real = fs.writeSync; let n = 0; fs.writeSync = (fd, ...a) => (fd === 1 && n++, real(fd, ...a)); syncBuiltinESMExports(); const io = processIO(); for (let i = 0; i < 1000; i++) io.stdout(`行 ${i}\\n`); flushOutput(); io.stderr(`writes=${n}\\n`);";
    const out = shared(script);
    expect(out.split('\n').filter(Boolean)).toHaveLength(1001);
    expect(out).toContain('writes=1\n');
  });

  it('a command piped prints the same as before, and ends quietly when the reader stops early', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('帮助专题：');
    const head = spawnSync('sh', ['-c', `"${process.execPath}" "${join(ROOT, 'bin', 'xinfang.js')}" --help | head -c 10`], { encoding: 'utf8' });
    expect(head.status).toBe(0);
    expect(head.stderr).toBe('');
  });

  it('a slow reader gets every line (the writer waits for it); a reader that stops ends the writer with exit 0', () => {
    // ~1.4 MB through a pipe that holds 64 kB: the writer finds it full and must wait.
    const gen = `const { processIO, flushOutput } = await import(${JSON.stringify(join(ROOT, 'dist', 'cli', 'run.js'))}); const io = processIO(); for (let i = 0; i < 100000; i++) io.stdout(\`第 \${i} 行\\n\`); flushOutput(); process.stderr.write('done\\n');`;
    const node = `"${process.execPath}" --input-type=module -e '${gen.replaceAll("'", "'\\''")}'`;
    const slow = spawnSync('bash', ['-c', `${node} | (sleep 1; wc -l); echo "status \${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect(slow.stdout.trim().split(/\s+/)).toEqual(['100000', 'status', '0']);
    expect(slow.stderr).toBe('done\n');
    // `| head`: the writer stops at the closed pipe, quietly (nothing on stderr, not even 'done').
    const head = spawnSync('bash', ['-c', `${node} | head -c 10 >/dev/null; echo "status \${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect(head.stdout.trim()).toBe('status 0');
    expect(head.stderr).toBe('');
  });
});
