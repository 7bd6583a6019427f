// `case form ID`: the printable 来访登记表 of one case (src/app/case-form.ts).
import type { Ctx } from '../context.js';

export async function printCaseForm(ctx: Ctx, ref: string, o: Record<string, unknown>): Promise<number> {
  const { optOutputFile } = await import('../opts.js');
  const { badField } = await import('../../errors.js');
  const { FORM_FORMATS, caseFormData, renderCaseForm } = await import('../../app/case-form.js');
  const { loadCase } = await import('../../app/cases.js');
  const { shanghaiDate } = await import('../../domain/time.js');
  const format = String(o.format ?? 'html');
  if (!(FORM_FORMATS as readonly string[]).includes(format)) throw badField('--format（格式）', format, '允许：html、text');
  const out = o.output === undefined ? undefined : optOutputFile(o.output, ctx.io.cwd);
  const ledger = ctx.ledger();
  const s = loadCase(ledger, ref);
  const data = caseFormData(ledger, s, { unmasked: !!o.unmasked, printed: shanghaiDate(ctx.now) });
  const text = await renderCaseForm(ledger, data, format as (typeof FORM_FORMATS)[number]);
  if (out !== undefined) {
    const { writeFileAtomic } = await import('../../ledger/yamlfile.js');
    writeFileAtomic(out, text);
    if (ctx.json) ctx.printJson({ id: s.id, format, file: out, masked: !o.unmasked });
    else ctx.out(`已输出 ${s.id} 来访登记表（${format}）：${out}`);
    return 0;
  }
  if (ctx.json) {
    ctx.printJson(data);
    return 0;
  }
  ctx.write(text); // no control characters from the ledger reach the terminal
  return 0;
}
