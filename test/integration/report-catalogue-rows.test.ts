// Seed, 第三篇《领导干部定期接待群众来访情况登记表》说明：“信访目的：一、意见建议 二、申诉 三、求决 四、揭发控告
// 五、其它　内容分类：政治综合……经济综合……产业信息”; 第五篇 五(三)：“每季度填报《领导干部接待群众来访登记表》、
// 《领导干部接待群众来访情况统计表》”. The 统计表's tables by 信访目的 and by 内容分类（大类） keep every row of
// the catalogue in its order, zeros included, so the layout is the form's; the counts (JSON by.*) are unchanged.
import { beforeAll, describe, expect, it } from 'vitest';
import { newLedger, runIn } from '../helpers/index.js';
import { loadTaxonomy } from '../../src/ledger/reference.js';

let root: string;
const x = (args: string[]) => runIn([...args, '--ledger', root]);
const tax = loadTaxonomy();

/** The rows (first cells) of a Markdown table under `## title`. */
function mdRows(md: string, title: string): string[][] {
  const part = md.split(/^## /m).find((p) => p.startsWith(title))!;
  expect(part, title).toBeTruthy();
  return part
    .split('\n')
    .filter((l) => l.startsWith('| ') && !/^\| ?-/.test(l))
    .slice(1)
    .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
}

beforeAll(async () => {
  root = await newLedger({ leaders: [['王建国', '党委书记', 'principal']] });
  for (const [date, cat, purpose] of <[string, string, string][]>[['2026-10-12', '民政/优抚救济', '求决'], ['2026-10-19', '交通安全刑案侦破', '申诉'], ['2026-11-02', '民政/复退安置', '求决']]) {
    const r = await x(['visit', 'add', '--date', date, '--name', '某甲', '--purpose', purpose, '--category', cat, '--summary', '事项', '--leader', '王建国', '--new-matter', '--no-input']);
    expect(r.code, r.stderr).toBe(0);
  }
}, 120_000);

describe('统计表 by category and purpose: every catalogue row (第三篇 说明)', () => {
  it('the 内容分类（大类） table lists every main category in catalogue order, zeros included, then 合计', async () => {
    const r = await x(['report', 'stats', '--quarter', '2026Q4', '--format', 'md']);
    expect(r.code, r.stderr).toBe(0);
    const rows = mdRows(r.stdout, '按内容分类（大类）');
    expect(rows.map((c) => c[0])).toEqual([...tax.categories.map((c) => c.name), '合计']);
    const count = Object.fromEntries(rows.map((c) => [c[0], c[1]]));
    expect(count['民政']).toBe('2');
    expect(count['政法']).toBe('1');
    expect(count['政治综合']).toBe('0');
    expect(count['产业信息']).toBe('0');
    expect(count['合计']).toBe('3');
  });

  it('the 信访目的 table lists every purpose of the catalogue, zeros included', async () => {
    const rows = mdRows((await x(['report', 'stats', '--quarter', '2026Q4', '--format', 'md'])).stdout, '按信访目的');
    expect(rows.map((c) => c[0])).toEqual([...tax.purposes.map((p) => p.name), '合计']);
    expect(rows.find((c) => c[0] === '意见建议')![1]).toBe('0');
    expect(rows.find((c) => c[0] === '求决')![1]).toBe('2');
  });

  it('the JSON counts stay as they were: only the names counted', async () => {
    const j = JSON.parse((await x(['--json', 'report', 'stats', '--quarter', '2026Q4'])).stdout);
    const by = j.current?.by ?? j.by;
    expect(by.category).toEqual({ 政法: 1, 民政: 2 });
  });
});
