// Terminal manners (issue 13, item 5): tables fit the width ($COLUMNS or the terminal's),
// --wide shows every column, output to a pipe keeps every column as before; help and
// commander's messages in Chinese; mistakes a user can make exit 2 with a Chinese message.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { newLedger, runIn, TEAM } from '../helpers/index.js';
import { textWidth } from '../../src/cli/table.js';

let root: string;
const LONG = '村道硬化工程完工两年，施工方仍拖欠本人材料款四万余元，多次催要无果，请求乡政府协调督促施工方尽快支付';

beforeAll(async () => {
  root = await newLedger({ git: false, leaders: TEAM, units: ['民政办'] });
  for (const [name, locality] of [['罗长贵', '青山乡石桥村五组'], ['邓桂芳', '青山乡新街社区']]) {
    const r = await runIn(
      ['visit', 'add', '--name', name!, '--phone', '13512341111', '--purpose', '求决', '--category', '城乡建设/工程欠款', '--summary', LONG, '--leader', 'L01', '--locality', locality!, '--respondent', '某建筑公司', '--unit', '民政办', '--opinion', '请民政办会同村委会核实后限期答复'],
      { cwd: root },
    );
    expect(r.code, r.stderr).toBe(0);
  }
}, 60_000);

const widest = (s: string) => Math.max(...s.split('\n').map(textWidth));

describe('tables fit the width', () => {
  it('case list at 100 columns: every line fits, the summary wraps, a note names what is left out', async () => {
    const r = await runIn(['case', 'list'], { cwd: root, env: { COLUMNS: '100' } });
    expect(r.code, r.stderr).toBe(0);
    expect(widest(r.stdout)).toBeLessThanOrEqual(100);
    expect(r.stdout).toContain('QS-2026-A0001');
    expect(r.stdout).toContain('2026-11-25');
    expect(r.stdout).toContain('共 2 件');
  });

  it('without a width (a pipe) the table is as wide as its cells; --wide too', async () => {
    const plain = await runIn(['case', 'list'], { cwd: root });
    expect(widest(plain.stdout)).toBeGreaterThan(100);
    expect(plain.stdout).not.toContain('未显示');
    const wide = await runIn(['--wide', 'case', 'list'], { cwd: root, env: { COLUMNS: '100' } });
    expect(wide.stdout).toBe(plain.stdout);
  });

  it('report register at 100 columns fits, and leaves out the least needed columns first', async () => {
    const r = await runIn(['report', 'register', '--quarter', '2026Q4'], { cwd: root, env: { COLUMNS: '100' } });
    expect(r.code, r.stderr).toBe(0);
    const table = r.stdout.slice(r.stdout.indexOf('┌'));
    expect(widest(table)).toBeLessThanOrEqual(100);
    expect(table).toMatch(/未显示：渠道、人数/);
    expect(table).toContain('诉求摘要');
    expect(table).toContain('包案领导');
    const all = await runIn(['--wide', 'report', 'register', '--quarter', '2026Q4'], { cwd: root, env: { COLUMNS: '100' } });
    expect(widest(all.stdout)).toBeGreaterThan(200);
    expect(all.stdout).toContain('渠道');
  });

  it('at a terminal: its own width, unless $COLUMNS says otherwise', async () => {
    const { main } = await import('../../src/cli/main.js');
    const at = async (columns: number, env: Record<string, string> = {}, args = ['case', 'list']) => {
      let out = '';
      const code = await main(args, { cwd: root, env: { XINFANG_NOW: '2026-11-25T09:30:00+08:00', NO_COLOR: '1', ...env }, stdout: (s) => void (out += s), stderr: () => {}, isTTY: true, columns });
      expect(code).toBe(0);
      return out;
    };
    expect(widest(await at(90))).toBeLessThanOrEqual(90);
    expect(widest(await at(90))).toBeGreaterThan(80);
    expect(widest(await at(200, { COLUMNS: '80' }))).toBeLessThanOrEqual(80);
    expect(widest(await at(90, {}, ['--wide', 'case', 'list']))).toBeGreaterThan(100);
  });

  it('a report written to a file keeps every column', async () => {
    mkdirSync(join(root, 'reports'), { recursive: true });
    const out = join(root, 'reports', 'register.txt');
    const r = await runIn(['report', 'register', '--quarter', '2026Q4', '-o', out], { cwd: root, env: { COLUMNS: '60' } });
    expect(r.code, r.stderr).toBe(0);
    expect(widest(readFileSync(out, 'utf8'))).toBeGreaterThan(200);
  });
});

/** Every command path, from the top-level help down. */
async function commandPaths(): Promise<string[][]> {
  const { buildProgram } = await import('../../src/cli/main.js');
  const io = { cwd: root, env: {}, stdout: () => {}, stderr: () => {}, isTTY: false };
  const { cmd } = await buildProgram(io, { code: 0 });
  const out: string[][] = [];
  const walk = (c: typeof cmd, path: string[]) => {
    for (const s of c.commands) {
      if (s.name() === 'help') continue;
      out.push([...path, s.name()]);
      walk(s, [...path, s.name()]);
    }
  };
  walk(cmd, []);
  return out;
}

describe('help and usage messages in Chinese', () => {
  it('no English of commander in any command’s help', async () => {
    const paths = await commandPaths();
    expect(paths.length).toBeGreaterThan(50);
    for (const p of [[], ...paths]) {
      const r = await runIn([...p, '--help'], { cwd: root });
      expect(r.code, p.join(' ')).toBe(0);
      expect(r.stdout, p.join(' ')).not.toMatch(/\[options\]|\[command\]|\(default:|\(choices:|Usage:|Options:|Commands:|Arguments:|display help/);
    }
  });

  it('unknown commands and options: Chinese, with the likely meant one, exit 2', async () => {
    const a = await runIn(['case', 'list', '--stat', 'x'], { cwd: root });
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/不认识的选项 “--stat”.*是否想输入 --status/);
    const b = await runIn(['cas', 'list'], { cwd: root });
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/不认识的命令 “cas”.*是否想输入 case/);
    for (const r of [a, b]) expect(r.stderr).not.toMatch(/unknown|Did you mean|error:/i);
  });

  it('a command group without its subcommand shows the group’s help', async () => {
    const r = await runIn(['case'], { cwd: root });
    expect(r.stdout + r.stderr).toContain('用法： xinfang case');
  });
});

describe('mistakes a user can make exit 2 in Chinese', () => {
  it('case show of a short number no case has: 没有案件', async () => {
    const r = await runIn(['case', 'show', 'A9999'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/没有案件 A9999/);
    expect(r.stderr).not.toContain('格式不对');
  });

  it('-o into /proc or a missing folder', async () => {
    for (const o of ['/proc/x.xlsx', '/no/such/folder/x.xlsx']) {
      const r = await runIn(['report', 'register', '--quarter', '2026Q4', '--format', 'xlsx', '-o', o], { cwd: root });
      expect(r.code, o).toBe(2);
      expect(r.stderr, o).toMatch(/^错误：-o（输出文件）/);
      expect(r.stderr).not.toMatch(/内部错误|ENOENT|EACCES/);
    }
  });

  it('a JSON calendar file that is not JSON: Chinese, no V8 English', async () => {
    const f = join(root, '..', 'bad.json');
    writeFileSync(f, '{"year": 2027, "days": [}');
    const r = await runIn(['calendar', 'import', f], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.json:1: JSON 语法错误：/);
    expect(r.stderr).not.toMatch(/Unexpected|position|JSON at/);
  });

  it('a key written twice in a ledger file is named in Chinese, without the library’s English', async () => {
    const file = join(root, 'units.yaml');
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, before.replace(/^(\s*)name: 民政办$/m, '$1name: 民政办\n$1name: 民政所'));
    try {
      const r = await runIn(['unit', 'list'], { cwd: root });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/字段重复（“name”出现不止一次，第 \d+ 行第 \d+ 列）/);
      expect(r.stderr).not.toMatch(/Map keys|must be unique/);
    } finally {
      writeFileSync(file, before);
    }
  });
});

describe('the ledger’s output folders', () => {
  it('-o 公示/… in a new ledger: the folder is made; anywhere else a missing folder is still refused', async () => {
    const l = await newLedger({ git: false, leaders: TEAM });
    expect((await runIn(['roster', 'generate', '--month', '2026-12'], { cwd: l })).code).toBe(0);
    const r = await runIn(['roster', 'publish', '--month', '2026-12', '--format', 'html', '-o', '公示/2026-12.html'], { cwd: l });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(l, '公示', '2026-12.html'), 'utf8')).toContain('<html');
    const bad = await runIn(['roster', 'publish', '--month', '2026-12', '-o', '别的/2026-12.txt'], { cwd: l });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/文件夹 .*别的 不存在/);
  });
});
