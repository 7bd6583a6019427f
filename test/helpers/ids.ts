import { idCheckChar } from '../../src/domain/identity.js';

/** A valid 18-digit ID number for a region, birth date (YYYY-MM-DD) and 3-digit sequence. */
export function makeId(region: string, birth: string, seq: string): string {
  const first = region + birth.replace(/-/g, '') + seq;
  return first + idCheckChar(first);
}
