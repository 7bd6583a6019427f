// One error hierarchy for the whole tool. Only src/cli/main.ts turns these into exit codes.

/** Bad input or usage: exit 2, and nothing has been written. */
export class InputError extends Error {
  readonly exitCode = 2;
  constructor(
    message: string,
    readonly code = 'bad_input',
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** The command ran and found a problem (check failed, case not ready): exit 1. */
export class ProblemError extends Error {
  readonly exitCode = 1;
  constructor(
    message: string,
    readonly code = 'problem',
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Already reported to the user; exit with this code and print nothing more. */
export class ExitError extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

/** A file of the ledger is broken; exit 2 (the ledger must be repaired first). */
export class LedgerFileError extends Error {
  readonly exitCode = 2;
  readonly code = 'bad_file';
  constructor(readonly problems: { file: string; line: number; message: string }[]) {
    super(problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n'));
  }
}

/** Field-naming helper: every bad value names the field and what is allowed. */
export function badField(field: string, value: unknown, allowed: string): InputError {
  const s = value === undefined || value === null ? '' : String(value);
  const shown = s.trim() === '' ? '（空）' : `“${shownValue(s)}”`;
  return new InputError(`${field} 的值 ${shown} 无效：${allowed}`, 'bad_value');
}

/** A wrong value as a message shows it: control characters made visible, a long one cut short. */
export function shownValue(s: string): string {
  // eslint-disable-next-line no-control-regex
  const vis = s.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => (c === '\n' ? '\\n' : `\\u{${c.codePointAt(0)!.toString(16)}}`));
  const chars = [...vis];
  return chars.length > 40 ? `${chars.slice(0, 30).join('')}…（共 ${[...s].length} 个字）` : vis;
}

export function missingFields(fields: string[]): InputError {
  return new InputError(`缺少必填项：${fields.join('、')}`, 'missing');
}
