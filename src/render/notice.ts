// Written notices from liquid templates: 受理告知书 (accept), 不予受理告知书 (decline),
// 延期告知书 (extend), 答复意见书 (reply), 督办通知 (supervise). An office's own
// LEDGER/templates/notices/<kind>.liquid overrides the built-in templates/notices/<kind>.liquid.
// liquidjs is logic-less enough that an office's template cannot run code.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Liquid } from 'liquidjs';
import { confinedLiquid, templateError } from './liquid.js';
import { InputError } from '../errors.js';
import { TEMPLATES_DIR } from '../paths.js';

import type { NoticeKind } from '../domain/notice-kinds.js';
export { NOTICE_KINDS, type NoticeKind } from '../domain/notice-kinds.js';

/** Confined to the two notices folders: include/render/layout cannot reach a case file (src/render/liquid.ts). */
function engine(root: string): Liquid {
  return confinedLiquid([join(root, 'templates', 'notices'), join(TEMPLATES_DIR, 'notices')], { extname: '.liquid', strictFilters: true, cache: false });
}

/** Which template a kind uses: the office's own, else ours. */
export function templatePath(root: string, kind: NoticeKind): string {
  const own = join(root, 'templates', 'notices', `${kind}.liquid`);
  return existsSync(own) ? own : join(TEMPLATES_DIR, 'notices', `${kind}.liquid`);
}

/** Renders a notice of `kind` with the ledger's own template when it has one. */
export async function renderNotice(root: string, kind: NoticeKind, data: Record<string, unknown>): Promise<string> {
  try {
    return await engine(root).renderFile(kind, data);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw templateError(templatePath(root, kind), e, '通知模板');
  }
}
