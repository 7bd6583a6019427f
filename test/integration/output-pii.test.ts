// ID and phone numbers typed into free text (a summary, a locality, a leader's portfolio)
// are masked in every public or structured output — the register in every format, stats,
// the roster notice, case list and show — like the petitioners' own numbers, and shown
// with --unmasked where that exists. A damaged case file does not print a number in its
// error message. XLSX text cells stay text.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readXlsx, runIn, tempDir } from '../helpers/index.js';
import { buildOutputFixture, ID, ID_MASKED, LANDLINE, LANDLINE_MASKED, MOBILE, MOBILE_MASKED, type OutputFixture } from './output-fixture.js';

let fx: OutputFixture;
beforeAll(async () => {
  fx = await buildOutputFixture();
}, 120_000);

const cli = async (args: string[]) => {
  const r = await runIn(args, { cwd: fx.root });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
};

function expectMasked(text: string, what: string) {
  expect(text, what).not.toContain(ID);
  expect(text, what).not.toContain(MOBILE);
  expect(text, what).not.toContain(LANDLINE);
  expect(text.replace(/\\\*/g, '*'), what).toContain(ID_MASKED);
  expect(text.replace(/\\\*/g, '*'), what).toContain(MOBILE_MASKED);
  expect(text.replace(/\\\*/g, '*'), what).toContain(LANDLINE_MASKED);
}

async function xlsxText(file: string): Promise<{ text: string; cells: Map<string, { type: number; value: unknown; numFmt: string }> }> {
  const wb = await readXlsx(file);
  const parts: string[] = [];
  const cells = new Map<string, { type: number; value: unknown; numFmt: string }>();
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((c) => {
        parts.push(String(c.text));
        cells.set(String(c.text), { type: c.type, value: c.value, numFmt: c.numFmt });
      }),
    ),
  );
  return { text: parts.join('\n'), cells };
}

describe('the register masks numbers in free text, in every format', () => {
  it('table, md, csv, html, json and xlsx (read back)', async () => {
    const base = ['report', 'register', '--quarter', '2026Q4'];
    expectMasked(await cli(base), 'table');
    for (const f of ['md', 'csv', 'html']) expectMasked(await cli([...base, '--format', f]), f);
    expectMasked(await cli(['--json', ...base]), 'json');
    const out = join(tempDir(), 'r.xlsx');
    await cli([...base, '--format', 'xlsx', '-o', out]);
    expectMasked((await xlsxText(out)).text, 'xlsx');
  });

  it('--unmasked shows them', async () => {
    const text = await cli(['report', 'register', '--quarter', '2026Q4', '--unmasked', '--format', 'csv']);
    for (const n of [ID, MOBILE, LANDLINE]) expect(text).toContain(n);
  });
});

describe('elsewhere', () => {
  it('case list (table and --json) and case show; --unmasked shows them', async () => {
    // The list cuts the summary: look at its JSON for the whole text, and at the table for what it shows.
    const table = await cli(['case', 'list']);
    expect(table).not.toContain(MOBILE);
    expectMasked(await cli(['--json', 'case', 'list']), 'case list --json');
    expectMasked(await cli(['case', 'show', fx.ids.A]), 'case show');
    expectMasked(await cli(['--json', 'case', 'show', fx.ids.A]), 'case show --json');
    const full = await cli(['--json', 'case', 'list', '--unmasked']);
    for (const n of [ID, MOBILE, LANDLINE]) expect(full).toContain(n);
    expect(await cli(['case', 'show', fx.ids.A, '--unmasked'])).toContain(MOBILE);
  });

  it('stats (a locality with a mobile) and the roster notice (a portfolio with a mobile)', async () => {
    for (const f of ['table', 'md', 'csv', 'html']) {
      const s = await cli(['report', 'stats', '--quarter', '2026Q4', '--by', 'area', '--format', f]);
      expect(s, f).not.toContain(MOBILE);
      expect(s.replace(/\\\*/g, '*'), f).toContain(MOBILE_MASKED);
    }
    expect(await cli(['--json', 'report', 'stats', '--quarter', '2026Q4'])).not.toContain(MOBILE);
    for (const f of ['text', 'md', 'html', 'ics']) {
      const s = await cli(['roster', 'publish', '--month', '2026-11', '--format', f]);
      expect(s, f).not.toContain(MOBILE);
      expect(s.replace(/\\\*/g, '*').replace(/\r\n /g, ''), f).toContain(MOBILE_MASKED);
    }
  });

  it('a damaged case file with an unquoted phone: the error message masks it', async () => {
    const file = fx.file(fx.ids.C);
    const before = readFileSync(file, 'utf8');
    try {
      const damaged = before.replace(/^(\s*)phone: .*$/m, `$1phone: ${MOBILE}`);
      expect(damaged).toContain(`phone: ${MOBILE}`);
      writeFileSync(file, damaged);
      const r = await runIn(['case', 'show', fx.ids.C], { cwd: fx.root });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(MOBILE_MASKED);
      expect(r.stderr).not.toContain(MOBILE);
      const j = await runIn(['--json', 'case', 'show', fx.ids.C], { cwd: fx.root });
      expect(j.stderr).not.toContain(MOBILE);
    } finally {
      writeFileSync(file, before);
    }
  });
});

describe('XLSX: text cells stay text', () => {
  it('a summary "=1+1" or "50%", a locality "+5", a name "-2" are strings, not formulas or numbers', async () => {
    const out = join(tempDir(), 'r.xlsx');
    await cli(['report', 'register', '--quarter', '2026Q4', '--format', 'xlsx', '-o', out]);
    const { cells } = await xlsxText(out);
    const { ValueType } = (await import('exceljs')).default;
    for (const v of ['=1+1', '50%', '+5', '-2']) {
      const c = cells.get(v);
      expect(c, v).toBeDefined();
      expect(c!.type, v).toBe(ValueType.String);
      expect(c!.value, v).toBe(v);
      expect(c!.numFmt, v).toBe('@');
    }
    // The statistics keep their figures as numbers (a share of 33.3% is 0.333, shown as 33.3%).
    const s = join(tempDir(), 's.xlsx');
    await cli(['report', 'stats', '--quarter', '2026Q4', '--by', 'area', '--format', 'xlsx', '-o', s]);
    const st = await xlsxText(s);
    expect(st.cells.get('+5')?.type).toBe(ValueType.String);
    expect([...st.cells.values()].some((c) => c.type === ValueType.Number && Math.abs(Number(c.value) - 0.333) < 1e-9 && c.numFmt === '0.0%')).toBe(true);
  });
});
