// Seed, 第四篇 一：“委纪检监查室负责做好综合协调工作”；四：“领导干部接待后批转的信访事项，由委纪检监查室负责
// 交办督办，各有关责任科室必须在规定时间内认真办理并书面回复信访人，并将办理结果报委纪检监查室。”
// The 督办通知 names the coordinator set in xinfang.yaml (office.coordinator, spelled as the
// office spells it), and a unit's written reply to the petitioner is recorded as such.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newLedger, runIn } from '../helpers/index.js';

describe('department rule: the 纪检监查室 coordinates and receives the results', () => {
  it('督办通知 are to be answered to the coordinator, in the office’s spelling; reply --to-petitioner is recorded as such', async () => {
    const root = await newLedger({ preset: 'department', unit: '乐山市发展和改革委员会', code: 'FG', leaders: [['主任甲', '党组书记、主任', 'principal'], ['副主任乙', '副主任', 'member']], units: ['价格科', '综合科'] });
    const cfg = join(root, 'xinfang.yaml');
    // The office keeps the seed's own spelling.
    writeFileSync(cfg, readFileSync(cfg, 'utf8').replace(/coordinator: .*/, 'coordinator: 纪检监查室'));
    const x = (args: string[], now = '2026-11-25T09:30:00+08:00') => runIn([...args, '--ledger', root], { env: { XINFANG_NOW: now } });
    const add = async (name: string) => {
      const r = await x(['visit', 'add', '--date', '2026-09-01', '--name', name, '--purpose', '求决', '--category', '经济综合/其它', '--summary', '收费问题', '--leader', '副主任乙', '--no-input', '--json']);
      expect(r.code, r.stderr).toBe(0);
      const id = JSON.parse(r.stdout).case.id as string;
      expect((await x(['case', 'accept', id, '--date', '2026-09-02'])).code).toBe(0);
      const t = await x(['case', 'transfer', id, '--unit', '价格科', '--date', '2026-09-02']);
      expect(t.code, t.stderr).toBe(0);
      return id;
    };
    const a = await add('甲某');
    const b = await add('乙某');
    const reply = await x(['case', 'reply', b, '--unit', '价格科', '--text', '已书面回复信访人：收费符合规定', '--to-petitioner']);
    expect(reply.code, reply.stderr).toBe(0);
    expect(reply.stdout).toContain('书面回复信访人');
    expect((await x(['case', 'show', b])).stdout).toContain('价格科 书面回复信访人：已书面回复信访人');
    const rd = JSON.parse((await x(['case', 'readiness', b, '--json'])).stdout);
    expect(JSON.stringify(rd)).not.toContain('缺少材料：书面回复');

    const sup = await x(['due', '--supervise']);
    expect(sup.code, sup.stderr).toBe(0);
    const dir = join(root, 'notices', '2026-11-25');
    const files = readdirSync(dir);
    expect(files.length).toBeGreaterThan(0);
    const text = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    expect(text).toContain(a);
    expect(text).toContain('书面报送乐山市发展和改革委员会纪检监查室');
    expect(text).not.toContain('纪检监察室');
  });
});
