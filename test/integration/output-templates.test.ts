// Templates cannot read the ledger (src/render/liquid.ts): include / render / layout find
// files only in the templates folders (the ledger's templates/, ours), never by an absolute
// path, `..` or a symlink out; a ledger file is never a template. Refusals are exit 2 with a
// message naming the template, and no petitioner's data is printed.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runIn, tempDir } from '../helpers/index.js';
import { buildOutputFixture, MOBILE, type OutputFixture } from './output-fixture.js';

let fx: OutputFixture;
let caseRel: string;
beforeAll(async () => {
  fx = await buildOutputFixture();
  caseRel = `cases/2026/${fx.ids.A}.yaml`;
  mkdirSync(join(fx.root, 'templates', 'notices'), { recursive: true });
  expect((await runIn(['case', 'accept', fx.ids.A], { cwd: fx.root })).code).toBe(0);
}, 120_000);

const cli = (args: string[]) => runIn(args, { cwd: fx.root });
const tpl = (rel: string, text: string) => writeFileSync(join(fx.root, 'templates', rel), text);

function expectRefused(r: { code: number; stdout: string; stderr: string }, what: RegExp = /模板/) {
  expect(r.code, r.stdout + r.stderr).toBe(2);
  expect(r.stderr).toMatch(what);
  expect(r.stderr).toMatch(/模板文件夹|不能用作模板/);
  expect(r.stdout + r.stderr).not.toContain(MOBILE);
  expect(r.stdout + r.stderr).not.toContain('petitioners');
}

describe('include of a ledger file is refused', () => {
  it('the probe: the office roster template includes a case file (roster publish)', async () => {
    tpl('roster.text.liquid', `{% include "${caseRel}" %}`);
    try {
      expectRefused(await cli(['roster', 'publish', '--month', '2026-11']));
    } finally {
      rmSync(join(fx.root, 'templates', 'roster.text.liquid'));
    }
  });

  it('report summary: the office template, and --template FILE outside the ledger', async () => {
    tpl('summary.liquid', `{% include "${caseRel}" %}`);
    try {
      expectRefused(await cli(['report', 'summary', '--quarter', '2026Q4']));
    } finally {
      rmSync(join(fx.root, 'templates', 'summary.liquid'));
    }
    const dir = tempDir();
    for (const name of [`../${caseRel}`, fx.file(fx.ids.A), '../xinfang.yaml', `{{ 'x' }}/../../${caseRel}`]) {
      writeFileSync(join(dir, 't.liquid'), `总结 {% include "${name}" %}`);
      expectRefused(await cli(['report', 'summary', '--quarter', '2026Q4', '--template', join(dir, 't.liquid')]));
      expectRefused(await cli(['roster', 'publish', '--month', '2026-11', '--template', join(dir, 't.liquid')]));
    }
  });

  it('render and layout are confined the same way; a dynamic name too', async () => {
    const dir = tempDir();
    for (const body of [`{% render "../${caseRel}" %}`, `{% layout "/etc/passwd" %}x`, `{% assign f = "../${caseRel}" %}{% include f %}`]) {
      writeFileSync(join(dir, 't.liquid'), body);
      expectRefused(await cli(['roster', 'publish', '--month', '2026-11', '--template', join(dir, 't.liquid')]));
    }
  });

  it('a symlink in templates/ pointing at a case file is refused', async () => {
    symlinkSync(fx.file(fx.ids.A), join(fx.root, 'templates', 'leak.liquid'));
    const dir = tempDir();
    writeFileSync(join(dir, 't.liquid'), '{% include "leak.liquid" %}');
    try {
      const r = await cli(['roster', 'publish', '--month', '2026-11', '--template', join(dir, 't.liquid')]);
      expectRefused(r);
      expect(r.stderr).toContain('leak.liquid');
    } finally {
      rmSync(join(fx.root, 'templates', 'leak.liquid'));
    }
  });

  it('--template naming a ledger file itself is refused', async () => {
    for (const args of [
      ['roster', 'publish', '--month', '2026-11', '--template', caseRel],
      ['report', 'summary', '--quarter', '2026Q4', '--template', caseRel],
    ]) {
      const r = await cli(args);
      expectRefused(r, /--template/);
    }
  });

  it('an office notice template (case notice) cannot include a case file', async () => {
    tpl('notices/accept.liquid', `受理告知书 {% include "../../${caseRel}" %}`);
    try {
      expectRefused(await cli(['case', 'notice', fx.ids.A, '--kind', 'accept']), /通知模板/);
    } finally {
      rmSync(join(fx.root, 'templates', 'notices', 'accept.liquid'));
    }
  });
});

describe('what templates may still do', () => {
  it('include a partial from the ledger templates/ folder, from the office template and from --template', async () => {
    tpl('页眉.liquid', '【{{ office.name }}】');
    tpl('roster.text.liquid', '{% include "页眉" %}{{ month }}');
    try {
      const r = await cli(['roster', 'publish', '--month', '2026-11']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('【青山乡】2026-11');
    } finally {
      rmSync(join(fx.root, 'templates', 'roster.text.liquid'));
    }
    const dir = tempDir();
    writeFileSync(join(dir, 't.liquid'), '{% render "页眉.liquid", office: office %}{{ period.label }}');
    const s = await cli(['report', 'summary', '--quarter', '2026Q4', '--template', join(dir, 't.liquid')]);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toContain('【青山乡】2026年第四季度');
  });

  it('a template in a folder of its own outside the ledger works', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 't.liquid'), '{{ title }}');
    const r = await cli(['roster', 'publish', '--month', '2026-11', '--template', join(dir, 't.liquid')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('安排表');
  });
});
