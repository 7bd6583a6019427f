// The one wrapper around interactive prompts. @inquirer/prompts is loaded only when a
// prompt is actually shown; tests mock this module. Every prompt has a flag.
export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

async function lib() {
  return import('@inquirer/prompts');
}

export async function askText(message: string, opts: { default?: string; required?: boolean; validate?: (v: string) => true | string } = {}): Promise<string> {
  const { input } = await lib();
  return input({
    message,
    default: opts.default,
    required: opts.required,
    validate: (v: string) => (opts.required && !v.trim() ? '必填' : opts.validate ? opts.validate(v) : true),
  });
}

export async function askNumber(message: string, def: number, min: number): Promise<number> {
  const { number } = await lib();
  const v = await number({ message, default: def, min, required: true });
  return v ?? def;
}

export async function askSelect<T>(message: string, choices: Choice<T>[], def?: T): Promise<T> {
  const { select } = await lib();
  return select({ message, choices, default: def, pageSize: 12 });
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
  return search({
    message,
    pageSize: 12,
    source: (term) => filterChoices(choices, term ?? ''),
  });
}

/** Several of a short list (ticked with space); the values of the ticked choices, in list order. */
export async function askCheckbox<T>(message: string, choices: Choice<T>[], checked: T[] = []): Promise<T[]> {
  const { checkbox } = await lib();
  return checkbox({
    message,
    choices: choices.map((c) => ({ ...c, checked: checked.includes(c.value) })),
    pageSize: 12,
    instructions: false,
  });
}

export async function askConfirm(message: string, def = true): Promise<boolean> {
  const { confirm } = await lib();
  return confirm({ message, default: def });
}
