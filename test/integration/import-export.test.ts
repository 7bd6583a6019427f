// `xinfang import` of real generated registers (exceljs .xlsx and .csv, a few hundred rows,
// some of them bad) and `xinfang export` (CSV with BOM, XLSX, JSON Lines) on temp ledgers.
// Import: --dry-run reports each row (row, column, value, why) and writes nothing; bad rows
// refuse the whole import (exit 2) unless --skip-bad; the good rows become cases in ONE
// commit, keep their old numbers, and repeats link to the earlier case of the same person.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { commits, git, newLedger, runIn, tempDir, TEAM } from '../helpers/index.js';
import { makeId } from '../helpers/ids.js';

let root = '';
let dir = '';
const x = (args: string[], env: Record<string, string> = {}) => runIn([...args, '--ledger', root], { env });

const HEAD = ['编号', '来访日期', '姓名', '身份证号', '联系电话', '住址', '人数', '信访目的', '内容分类', '诉求摘要', '接访领导', '处理意见', '办理结果'];
const LEADERS = ['王建国', '张志强', '刘芳'];
const TOPICS: [string, string][] = [
  ['民政/优抚救济', '低保待遇被取消，家庭困难，请求恢复低保'],
  ['农村农业/承包经营', '土地承包经营权确权面积与实际不符，请求重新测量'],
  ['城乡建设/城镇规划', '村口道路没有路灯，夜间出行不安全，建议增设路灯'],
  ['劳动社保/工资福利', '在工地务工被拖欠工资三个月，请求帮助追讨'],
];

/** N good rows (one person in every tenth row comes back on the same matter), then the bad rows. */
function registerRows(n: number): { rows: (string | number)[][]; bad: number[] } {
  const rows: (string | number)[][] = [];
  for (let i = 0; i < n; i++) {
    const month = String(1 + (i % 10)).padStart(2, '0');
    const day = String(1 + (i % 27)).padStart(2, '0');
    const [cat, text] = TOPICS[i % TOPICS.length]!;
    // Every 10th row is the same person as the row 5 before, on the same matter, later.
    const person = i % 10 === 9 ? i - 5 : i;
    const [pcat, ptext] = TOPICS[person % TOPICS.length]!;
    const date = i % 10 === 9 ? `2026-${String(1 + ((i - 5) % 10) + 1).padStart(2, '0')}-${day}` : `2026-${month}-${day}`;
    rows.push([
      `DJ-${1000 + i}`,
      date,
      `信访人${person}`,
      makeId('510101', `19${50 + (person % 40)}-0${1 + (person % 9)}-1${person % 10}`, String(100 + (person % 900)).padStart(3, '0')),
      `138${String(10000000 + person).padStart(8, '0')}`,
      `青山乡${person % 7}村`,
      1 + (i % 3),
      i % 2 ? '求决' : '意见建议',
      i % 10 === 9 ? pcat : cat,
      i % 10 === 9 ? `${ptext}（再次反映）` : `${text}（第 ${i} 号）`,
      LEADERS[i % 3]!,
      '已转相关部门调查处理',
      i % 4 === 0 ? '已办结' : '',
    ]);
  }
  const bad = [
    ['DJ-9001', '2026-13-45', '错日期', '', '', '', 1, '求决', '民政/优抚救济', '日期错误的行', '王建国', '', ''],
    ['DJ-9002', '2026-05-06', '错身份证', '510101199001011234', '', '', 1, '求决', '民政/优抚救济', '身份证号错误的行', '王建国', '', ''],
    ['DJ-9003', '2026-05-06', '错分类', '', '', '', 1, '求决', '不存在的分类', '分类错误的行', '张志强', '', ''],
    ['DJ-9004', '2026-05-06', '', '', '', '', 1, '求决', '民政/优抚救济', '没有姓名的行', '刘芳', '', ''],
    ['DJ-9005', '2026-05-06', '错领导', '', '', '', 1, '求决', '民政/优抚救济', '接访领导不存在的行', '李某某', '', ''],
    ['DJ-1000', '2026-05-07', '重号', '', '', '', 1, '求决', '民政/优抚救济', '编号重复的行', '刘芳', '', ''],
  ];
  const at: number[] = [];
  // Spread the bad rows among the good ones.
  bad.forEach((b, k) => {
    const pos = Math.floor(((k + 1) * rows.length) / (bad.length + 1)) + k;
    rows.splice(pos, 0, b);
  });
  rows.forEach((r, i) => {
    if (String(r[0]).startsWith('DJ-900') || r[2] === '重号') at.push(i + 2);
  });
  return { rows, bad: at };
}

/** Only the good rows of registerRows(n). */
const goodRows = (n: number) => registerRows(n).rows.filter((r) => !String(r[0]).startsWith('DJ-900') && r[2] !== '重号');

async function writeXlsx(file: string, rows: (string | number)[][], title = true): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('登记表');
  if (title) ws.addRow(['青山乡领导干部接访登记表（2026年）']);
  ws.addRow(HEAD);
  for (const r of rows) {
    // Dates as real Excel dates, as clerks type them.
    const d = new Date(`${r[1]}T00:00:00Z`);
    const cells = r.map((v, i) => (i === 1 && !Number.isNaN(d.getTime()) ? d : v));
    ws.addRow(cells);
  }
  await wb.xlsx.writeFile(file);
}

beforeEach(async () => {
  root = await newLedger({ leaders: TEAM, units: ['民政办'] });
  dir = tempDir();
});

describe('xinfang import', () => {
  it('a register of 300 rows with 6 bad rows: dry run, refusal, then --skip-bad in one commit', async () => {
    const { rows, bad } = registerRows(300);
    const file = join(dir, '登记表.xlsx');
    await writeXlsx(file, rows);
    const before = commits(root).length;

    const dry = await x(['import', file, '--dry-run', '--json']);
    expect(dry.code).toBe(2);
    const d = JSON.parse(dry.stdout);
    expect(d.rows).toBe(306);
    expect(d.ok).toHaveLength(300);
    // Row numbers are the sheet's (title row 1, header row 2).
    expect(d.bad.map((b: { row: number }) => b.row)).toEqual(bad.map((i) => i + 1));
    const problems = d.bad.flatMap((b: { problems: { column: string; value: string; why: string }[] }) => b.problems);
    const by = (v: string) => problems.find((p: { value: string }) => p.value === v);
    expect(by('2026-13-45')).toMatchObject({ column: '来访日期' });
    expect(by('510101199001011234')).toMatchObject({ column: '身份证号' });
    expect(by('不存在的分类')).toMatchObject({ column: '内容分类' });
    expect(by('李某某')).toMatchObject({ column: '接访领导' });
    expect(problems.find((p: { column: string; value: string }) => p.column === '姓名' && p.value === '')?.why).toMatch(/不能为空/);
    expect(by('DJ-1000')?.why).toMatch(/与第 \d+ 行编号重复/);
    expect(commits(root).length).toBe(before);

    // The text report names row, column, value and why.
    const text = await x(['import', file, '--dry-run']);
    expect(text.stdout).toMatch(/第 \d+ 行  列“身份证号”  值“510101199001011234”：/);
    expect(text.stdout).toMatch(/没有写入任何内容/);

    // Without --skip-bad: refused, nothing written.
    const refused = await x(['import', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/有 6 行有问题，没有写入任何内容/);
    expect(commits(root).length).toBe(before);
    expect(existsSync(join(root, 'cases', '2026'))).toBe(false);

    const t0 = Date.now();
    const r = await x(['import', file, '--skip-bad', '--json']);
    const took = Date.now() - t0;
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.written).toBe(true);
    expect(res.ok).toHaveLength(300);
    // ONE commit for the whole import, a clean tree.
    expect(commits(root).length).toBe(before + 1);
    expect(commits(root)[0]!.subject).toMatch(/导入登记表 登记表\.xlsx：300 件（跳过有问题的 6 行）/);
    expect(git(root, ['status', '--porcelain'])).toBe('');
    expect(took).toBeLessThan(30_000);

    // Numbers follow the dates; the old number is kept; a repeat is linked.
    const list = JSON.parse((await x(['case', 'list', '--json'])).stdout).cases;
    expect(list).toHaveLength(300);
    const ids = list.map((c: { id: string }) => c.id);
    expect(ids[0]).toBe('QS-2026-A0001');
    const byOrig = new Map(res.ok.map((p: { original_no: string; id: string }) => [p.original_no, p.id]));
    const later = JSON.parse((await x(['case', 'show', byOrig.get('DJ-1009') as string, '--json'])).stdout);
    expect(later.repeat_of).toEqual([byOrig.get('DJ-1004')]);
    expect(later.original_no).toBe('DJ-1009');
    expect((await x(['case', 'show', later.id])).stdout).toMatch(/原编号\s+DJ-1009/);
    const file1 = readFileSync(join(root, 'cases', '2026', `${byOrig.get('DJ-1000')}.yaml`), 'utf8');
    expect(file1).toMatch(/original_no: DJ-1000/);
    expect(file1).toMatch(/办理结果：已办结/);
    const strict = await x(['check', '--strict']);
    expect(strict.code).toBe(0);

    // The same register again: every row already imported, nothing written.
    const again = await x(['import', file, '--skip-bad', '--json']);
    expect(JSON.parse(again.stdout).ok).toHaveLength(0);
    expect(JSON.parse(again.stdout).bad.some((b: { problems: { why: string }[] }) => /已导入为/.test(b.problems[0]!.why))).toBe(true);
    expect(commits(root).length).toBe(before + 1);
  }, 120_000);

  it('a clean CSV (GBK, as older Excel saves it) imports whole; a map names other headers', async () => {
    const rows = goodRows(20);
    const head = ['序号', '接访时间', '来访人', '身份证号码', '电话', '家庭住址', '人数', '信访目的', '问题类别', '反映问题', '接待领导', '处理意见', '处理结果'];
    const csv = [head, ...rows].map((r) => r.map((v) => `"${String(v).replace(/"/g, '""')}"`).join(',')).join('\r\n');
    const file = join(dir, 'old.csv');
    writeFileSync(file, Buffer.from(new TextEncoder().encode(csv))); // UTF-8 first
    // 接访时间 is not a known header: the map names it.
    const noMap = await x(['import', file, '--dry-run']);
    expect(noMap.code).toBe(2);
    expect(noMap.stderr).toMatch(/缺少必需的列：来访日期/);
    writeFileSync(join(dir, 'map.yaml'), '来访日期: 接访时间\n');
    const gbk = join(dir, 'gbk.csv');
    // GBK bytes (iconv-lite, already installed with exceljs's dependencies, only encodes here).
    const { default: iconv } = await import('iconv-lite');
    writeFileSync(gbk, iconv.encode(csv, 'gbk'));
    // 刘芳 left on 2026-11-25: the register's earlier visits she received still import.
    expect((await x(['leader', 'retire', '刘芳'])).code).toBe(0);
    const r = await x(['import', gbk, '--map', join(dir, 'map.yaml'), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).ok).toHaveLength(20);
    const c = JSON.parse((await x(['case', 'show', 'A0001', '--json', '--unmasked'])).stdout);
    expect(c.petitioners[0].name).toMatch(/^信访人/);
    await expect(x(['import', file, '--map', join(dir, 'nothere.yaml')])).resolves.toMatchObject({ code: 2 });
  });
});

describe('xinfang export', () => {
  it('CSV with BOM, XLSX and JSON Lines of all cases or a filter; an unmasked export imports into another ledger', async () => {
    const rows = goodRows(40);
    const file = join(dir, 'reg.xlsx');
    await writeXlsx(file, rows, false);
    expect((await x(['import', file])).code).toBe(0);
    const csv = await x(['export']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.startsWith('\ufeff编号,原编号,来访日期')).toBe(true);
    expect(csv.stdout.trim().split('\r\n')).toHaveLength(41);
    expect(csv.stdout).toMatch(/510101\*+/); // masked by default
    const jl = (await x(['export', '--format', 'jsonl', '--leader', '王建国'])).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(jl.length).toBeGreaterThan(5);
    expect(jl.every((r: { leader: string }) => r.leader === '王建国')).toBe(true);
    const ranged = (await x(['export', '--format', 'jsonl', '--from', '2026-03-01', '--to', '2026-03-31'])).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(ranged.every((r: { date: string }) => r.date.startsWith('2026-03'))).toBe(true);
    const out = join(dir, 'all.xlsx');
    expect((await x(['export', '--format', 'xlsx'])).code).toBe(2);
    const xr = await x(['export', '--format', 'xlsx', '-o', out, '--unmasked']);
    expect(xr.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets[0]!.rowCount).toBe(42); // title, header, 40 cases
    // Into another ledger: the export is a register import reads.
    const other = root;
    root = await newLedger({ leaders: TEAM, code: 'XS', unit: '溪山乡' });
    const r = await x(['import', out, '--json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).ok).toHaveLength(40);
    const moved = JSON.parse((await x(['case', 'show', 'A0001', '--json'])).stdout);
    expect(moved.id).toBe('XS-2026-A0001');
    root = other;
    expect((await x(['export', '--format', 'pdf'])).code).toBe(2);
    // A folder that does not exist: a clear message, exit 2, never an internal error.
    const bad = await x(['export', '-o', join(dir, 'no', 'such', 'folder', 'x.csv')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/文件夹.*不存在/);
  }, 120_000);
});
