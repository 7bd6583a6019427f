// Issue 12 “done when”: the four presets (one per document of the seed: 第一篇 青山乡、第二篇 局、
// 第四篇 乐山发改委、第五篇 区) pass `check --strict` after generating a month with 调休 (September
// 2026: Sunday 20 September is worked for 国庆) and across the quarter boundary (September →
// October 2026, Saturday 10 October worked), with the rules as the seed gives them: a day is
// the working day (一天), posts found within compound titles.
import { describe, expect, it } from 'vitest';
import { newLedger, runIn } from '../helpers/index.js';
import { readYaml } from '../../src/ledger/yamlfile.js';
import { RosterFile } from '../../src/ledger/roster-schema.js';

const TEAMS: Record<string, [string, string, string][]> = {
  township: [['王建国', '党委书记', 'principal'], ['李明华', '党委副书记、乡长', 'principal'], ['张志强', '党委副书记', 'member'], ['刘芳', '副乡长', 'member'], ['周兵', '派出所所长', 'dept-principal'], ['吴敏', '司法所副所长', 'dept-member']],
  bureau: [['局长甲', '局长', 'principal'], ['副局长乙', '副局长', 'member'], ['副局长丙', '副局长', 'member']],
  department: [['主任甲', '党组书记、主任', 'principal'], ['副主任乙', '副主任', 'member'], ['副主任丙', '副主任', 'member']],
  district: [['赵一', '中共市中区委书记', 'principal'], ['钱二', '区委副书记、区长', 'principal'], ['孙三', '常务副区长', 'member'], ['李四', '区委常委、宣传部部长', 'member']],
};

describe('the four presets pass check --strict on a month with 调休 and across the quarter boundary', () => {
  for (const [preset, team] of Object.entries(TEAMS)) {
    it(preset, async () => {
      const root = await newLedger({ preset, leaders: team });
      const x = (args: string[]) => runIn([...args, '--ledger', root]);
      for (const m of ['2026-09', '2026-10']) {
        const g = await x(['roster', 'generate', '--month', m]);
        expect(g.code, g.stderr).toBe(0);
      }
      const sep = readYaml(root, 'rosters/2026-09.yaml', RosterFile).slots;
      const oct = readYaml(root, 'rosters/2026-10.yaml', RosterFile).slots;
      // Holidays are never scheduled; daily and weekly duty covers the worked weekend days.
      expect(oct.some((s) => s.date >= '2026-10-01' && s.date <= '2026-10-07')).toBe(false);
      if (preset === 'bureau' || preset === 'township') {
        expect(sep.some((s) => s.date === '2026-09-20')).toBe(true);
        expect(oct.some((s) => s.date === '2026-10-10')).toBe(true);
      }
      const c = await x(['check', '--strict']);
      expect(c.code, c.stdout + c.stderr).toBe(0);
    });
  }
});
