// Refusals shared by the commands that change a case: a refused step is bad input (exit 2),
// and nothing is written.
import { InputError } from '../errors.js';
import type { CaseState } from '../domain/case.js';

export function refuse(message: string, code = 'bad_state'): never {
  throw new InputError(message, code);
}

/** The case is open (not closed, not declined). */
export function mustBeOpen(s: CaseState, what: string): void {
  if (s.status === 'closed') refuse(`${s.id} 已结案，不能${what}。如问题复发，先 xinfang case reopen ${s.id} --reason …`);
  if (s.status === 'declined') refuse(`${s.id} 已决定不予受理，不能${what}`);
}
