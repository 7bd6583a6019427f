// The one wrapper around interactive prompts. @inquirer/prompts is loaded only when a
// prompt is actually shown; tests mock this module. Every prompt has a flag. Everything the
// clerk sees is Chinese: the library's English hints and messages are replaced here.
import { PEOPLE_MAX, textProblem, type TextKind } from '../domain/input.js';
import { safe } from './safe.js';

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

async function lib() {
  return import('@inquirer/prompts');
}

const KEYS_ZH: Record<string, string> = { space: '空格', '⏎': '回车', enter: '回车', tab: 'Tab' };
const ACTIONS_ZH: Record<string, string> = { navigate: '移动', select: '选择', all: '全选', invert: '反选', submit: '确定' };

/** The key help under a list, in Chinese ("↑↓ 移动 · 回车 选择"). */
export function keysHelp(keys: readonly (readonly [string, string])[]): string {
  return keys.map(([k, a]) => `${KEYS_ZH[k] ?? k} ${k === 'space' && a === 'select' ? '勾选' : (ACTIONS_ZH[a] ?? a)}`).join(' · ');
}

// The library's own messages (shown through its error style), in Chinese.
const MESSAGES_ZH: Record<string, string> = {
  'No results found': '没有符合的选项：换一个字词，或少输入一个词（几个词时每个词都要出现）',
  'You must provide a value': '必填',
  'You must provide a valid value': '输入不对，请重新输入',
  'You must select a valid value': '请选择一项',
  'Invalid input': '输入不对，请重新输入',
};

/** A message of the library in Chinese (ours pass unchanged), red as the library shows it. */
export function libraryMessage(text: string): string {
  return `\x1b[31m> ${MESSAGES_ZH[text] ?? text}\x1b[39m`;
}

const theme = { style: { keysHelpTip: (keys: [string, string][]) => keysHelp(keys), error: libraryMessage } };

/** Choices show ledger data (names, earlier cases): no escape sequences to the terminal (safe.ts). */
function shown<T>(choices: Choice<T>[]): Choice<T>[] {
  return choices.map((c) => ({ ...c, name: safe(c.name), ...(c.description !== undefined && { description: safe(c.description) }) }));
}

/**
 * One line of text. `kind` (src/domain/input.ts TEXT_LIMITS) is the same limit and character
 * rule the flag has, checked as the clerk types; the answer comes back trimmed.
 */
export async function askText(message: string, opts: { default?: string; required?: boolean; kind?: TextKind; validate?: (v: string) => true | string } = {}): Promise<string> {
  const { input } = await lib();
  const kind = opts.kind ?? 'text';
  // `required` is checked here, not by the library (whose message is English).
  const v = await input({
    message,
    theme,
    default: opts.default,
    validate: (v: string) => {
      if (opts.required && !v.trim()) return '必填';
      const p = v.trim() ? textProblem(v.replace(/\r\n/g, '\n').trim(), kind) : undefined;
      if (p) return p;
      return opts.validate ? opts.validate(v) : true;
    },
  });
  return v.trim();
}

/** Why a typed head count is not accepted (undefined: it is); at most PEOPLE_MAX (src/domain/input.ts). */
export function countProblem(v: string, min: number, tooFew = `不能少于 ${min}`, max = PEOPLE_MAX): string | undefined {
  const t = v.trim();
  if (!/^\d{1,16}$/.test(t)) return '应为整数';
  if (Number(t) > max) return `不能多于 ${max}`;
  return Number(t) < min ? tooFew : undefined;
}

/** A whole number min..max; `tooFew` says why fewer is refused. */
export async function askNumber(message: string, def: number, min: number, tooFew?: string, max = PEOPLE_MAX): Promise<number> {
  const { input } = await lib();
  const v = await input({ message, theme, default: String(def), validate: (s: string) => countProblem(s, min, tooFew, max) ?? true });
  return Number(v.trim());
}

export async function askSelect<T>(message: string, choices: Choice<T>[], def?: T): Promise<T> {
  const { select } = await lib();
  return select({ message: safe(message), choices: shown(choices), default: def, pageSize: 12, theme });
}

/** Several of a short list (ticked with space); the values of the ticked choices, in list order. */
export async function askCheckbox<T>(message: string, choices: Choice<T>[], checked: T[] = []): Promise<T[]> {
  const { checkbox } = await lib();
  return checkbox({
    message: safe(message),
    choices: shown(choices).map((c) => ({ ...c, checked: checked.includes(c.value) })),
    pageSize: 12,
    theme: { ...theme, style: { ...theme.style, renderSelectedChoices: (sel: readonly { name: string }[]) => (sel.length ? sel.map((c) => c.name).join('、') : '（无）') } },
  });
}

/** The choices whose name or description holds every word typed (words split by spaces). */
export function filterChoices<T>(choices: Choice<T>[], term: string): Choice<T>[] {
  const words = term.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return choices;
  return choices.filter((c) => {
    const text = `${c.name} ${c.description ?? ''}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** Type-to-filter choice over a long list (the two-level category). */
export async function askSearch<T>(message: string, choices: Choice<T>[]): Promise<T> {
  const { search } = await lib();
  const list = shown(choices);
  return search({
    message: safe(message),
    pageSize: 12,
    theme,
    source: (term) => filterChoices(list, term ?? ''),
  });
}

const YES = new Set(['y', 'yes', '是', '是的', '对', '有', '好', '确认']);
const NO = new Set(['n', 'no', '否', '不', '不是', '没有', '无', '不对', '取消']);

/** A typed yes/no answer: 是/否 as well as y/n; empty is the default; anything else undefined. */
export function yesNo(v: string, def: boolean): boolean | undefined {
  const t = v.trim().toLowerCase();
  if (!t) return def;
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return undefined;
}

/**
 * A yes/no question. Typed as text rather than the library's confirm, which takes any
 * answer other than y/n — 否 included — for the default.
 */
export async function askConfirm(message: string, def = true): Promise<boolean> {
  const { input } = await lib();
  const v = await input({
    message,
    theme,
    default: def ? '是' : '否',
    validate: (s: string) => yesNo(s, def) !== undefined || '请回答 是（y）或 否（n）',
    transformer: (s: string, { isFinal }: { isFinal: boolean }) => (isFinal ? (yesNo(s, def) ? '是' : '否') : s),
  });
  return yesNo(v, def)!;
}
