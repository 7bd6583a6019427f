// This clone's clerk, as init and setup keep it in .xinfang/clerk (see office.ts, which
// writes it). Apart so that every command can read it without loading office.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkText } from '../domain/input.js';

const CLERK_FILE = join('.xinfang', 'clerk');

/** The clerk's name set for this clone (by init or setup), or '' when none is. */
export function localClerk(root: string): string {
  const f = join(root, CLERK_FILE);
  if (!existsSync(f)) return '';
  try {
    const name = readFileSync(f, 'utf8').trim();
    return checkText(name, '登记人', 'name') ? name : '';
  } catch {
    return ''; // a damaged file: as if none (setup writes it again)
  }
}

