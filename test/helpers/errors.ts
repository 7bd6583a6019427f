// Asserting on the tool's input errors (exit 2, nothing written).
import { expect } from 'vitest';
import { InputError } from '../../src/errors.js';

/** The message of the InputError (exit 2) that `fn` throws; fails the test if it throws none. */
export function inputErrorMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).exitCode).toBe(2);
    return (e as InputError).message;
  }
  throw new Error('expected an InputError');
}
