// Seed, 第三篇《领导干部定期接待群众来访情况登记表》（凌海市大业乡综治信访维稳工作中心）：the form
// with its 编号, 信访目的（一、意见建议 二、申诉 三、求决 四、揭发控告 五、其它）and 内容分类; and
// 第五篇 五(三)：“对领导干部接待的上访问题要做好登记……由信访人签署意见，呈送接访领导审阅签字后销号存档。”
// `case form ID` prints one case's form — every column, each reception, the signature lines
// of the petitioner and the leader — as HTML (print / PDF in the browser) or text; ID and
// phone numbers masked unless --unmasked.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, CHROMIUM, warnIfMissing } from '../helpers/chromium.js';
import { newLedger, runIn, tempDir } from '../helpers/index.js';
import { makeId } from '../helpers/ids.js';

const ID = makeId('110101', '1990-03-07', '124');
const PHONE = '13812345678';
let root: string;
let id: string;
const x = (args: string[]) => runIn([...args, '--ledger', root]);

beforeAll(async () => {
  root = await newLedger({ leaders: [['王建国', '党委书记', 'principal'], ['张志强', '党委副书记', 'member']] });
  const r = await x([
    'visit', 'add', '--at', '2026-11-02 09:40', '--name', '李<b>某', '--sex', '女', '--id-number', ID, '--phone', PHONE, '--address', '青山乡石桥村3组',
    '--purpose', '求决', '--category', '民政/优抚救济', '--summary', '低保被取消，要求恢复 <script>alert(1)</script>', '--leader', '王建国',
    '--place', 'center', '--opinion', '请民政办三日内核实', '--no-input', '--json',
  ]);
  expect(r.code, r.stderr).toBe(0);
  id = JSON.parse(r.stdout).case.id;
  const v = await x(['visit', 'add', '--date', '2026-11-16', '--case', id, '--name', '李<b>某', '--leader', '张志强', '--no-input']);
  expect(v.code, v.stderr).toBe(0);
}, 120_000);

describe('case form (第三篇 登记表；第五篇 五(三) 信访人签署意见、接访领导审阅签字)', () => {
  it('text: every column, both receptions, the signature lines; ID and phone masked', async () => {
    const r = await x(['case', 'form', id, '--format', 'text']);
    expect(r.code, r.stderr).toBe(0);
    const t = r.stdout;
    for (const col of ['来访时间：2026-11-02 09:40', '姓名：李<b>某', '性别：女', '身份证号：', '住址：青山乡石桥村3组', '联系电话：', '人数：1', '内容分类：民政：优抚救济', '诉求摘要：低保被取消', '接待领导：王建国', '处理意见：请民政办三日内核实', '接待地点：乡综治信访维稳中心接访室']) {
      expect(t).toContain(col);
    }
    expect(t).toContain(`编号：${id}`);
    expect(t).toContain('[√]求决');
    expect(t).toContain('[ ]申诉');
    expect(t).toMatch(/第 1 次　2026-11-02 09:40　来访·定点接访　接待领导：王建国/);
    expect(t).toMatch(/第 2 次　2026-11-16　来访·定点接访　接待领导：张志强/);
    expect(t).toContain('信访人签字：');
    expect(t).toContain('接待领导签字：');
    expect(t).not.toContain(ID);
    expect(t).not.toContain(PHONE);
    expect(t).toContain('身份证号、电话已遮盖');
  });

  it('--unmasked prints the numbers in full', async () => {
    const t = (await x(['case', 'form', id, '--format', 'text', '--unmasked'])).stdout;
    expect(t).toContain(`身份证号：${ID}`);
    expect(t).toContain(`联系电话：${PHONE}`);
    expect(t).toContain('内含完整个人信息');
  });

  it('html: escaped, with the columns, the reception rows and the signature lines; masked by default', async () => {
    const dir = tempDir();
    const file = join(dir, 'form.html');
    const r = await x(['case', 'form', id, '-o', file]);
    expect(r.code, r.stderr).toBe(0);
    const h = readFileSync(file, 'utf8');
    expect(h).toContain('<title>青山乡领导干部接待群众来访情况登记表');
    for (const col of ['来访时间', '姓名', '性别', '身份证号', '住址', '联系电话', '人数', '信访目的', '内容分类', '诉求摘要', '接待领导', '处理意见']) expect(h).toContain(`<th>${col}</th>`);
    expect(h).toContain('李&lt;b&gt;某');
    expect(h).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(h).not.toContain('<script>');
    expect(h.match(/<tr data-visit="\d+">/g)).toHaveLength(2);
    expect(h).toContain('信访人签字：');
    expect(h).toContain('接待领导签字：');
    expect(h).not.toContain(ID);
    expect(h).not.toContain(PHONE);
  });

  it('bad input: an unknown format or case exits 2', async () => {
    const f = await x(['case', 'form', id, '--format', 'pdf']);
    expect(f.code).toBe(2);
    expect(f.stderr).toContain('--format（格式）');
    expect((await x(['case', 'form', 'QS-2026-A9999'])).code).toBe(2);
  });
});

warnIfMissing('来访登记表的 HTML');
describe.skipIf(!CHROMIUM)('the form in headless chromium', () => {
  it('renders (the DOM as chromium parsed it) and prints to PDF', async () => {
    const dir = tempDir();
    const file = join(dir, 'form.html');
    expect((await x(['case', 'form', id, '-o', file])).code).toBe(0);
    const dom = chromium(['--dump-dom'], file);
    expect(dom.status, dom.stderr).toBe(0);
    expect(dom.stdout).toContain('<h1>青山乡领导干部接待群众来访情况登记表</h1>');
    expect((dom.stdout.match(/<tr data-visit=/g) ?? []).length).toBe(2);
    expect(dom.stdout).not.toContain('<script>');
    const pdf = join(dir, 'form.pdf');
    const p = chromium([`--print-to-pdf=${pdf}`, '--no-pdf-header-footer'], file);
    expect(p.status, p.stderr).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  }, 180_000);
});
