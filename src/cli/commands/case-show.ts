// `xinfang case show ID [--unmasked]`. Registered in intake.ts and run without commander by
// fast.ts (a command clerks run many times a day).
import type { Ctx } from '../context.js';

export async function caseShowAction(ctx: Ctx, [id]: unknown[], o: Record<string, unknown>): Promise<number> {
  const { showCase } = await import('./case-view.js');
  return showCase(ctx, String(id), !!o.unmasked);
}
