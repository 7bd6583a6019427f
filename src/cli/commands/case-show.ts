// `xinfang case show ID [--unmasked]`. Registered in intake.ts and run without commander by
// fast.ts (a command clerks run many times a day).
// case-view.ts is imported statically: fast.ts is bundled on its own (scripts/bundle.mjs).
import type { Ctx } from '../context.js';
import { showCase } from './case-view.js';

export async function caseShowAction(ctx: Ctx, [id]: unknown[], o: Record<string, unknown>): Promise<number> {
  return showCase(ctx, String(id), !!o.unmasked);
}
