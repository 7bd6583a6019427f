// The office's own particulars and this clone's clerk: what `init` and `setup` ask.
//  - the clerk's name, kept per clone in .xinfang/clerk (never committed): the 登记人 of events
//    and the author of commits, instead of whatever git or the login happens to say;
//  - the office's phone and address (xinfang.yaml office.phone / office.address), which the
//    公示 prints and the booking line ("拨打…电话预约") quotes;
//  - the township preset worded for the unit (乡 or 镇 or 街道);
//  - one office name (office.issuer) signing every document.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { checkText } from '../domain/input.js';
import { badField } from '../errors.js';
import { CONFIG_FILE, type Clerk, type Ledger } from '../ledger/ledger.js';
import { writeFileAtomic, yamlLib } from '../ledger/yamlfile.js';
import { Config } from '../ledger/schema.js';
import { readLedgerText } from '../ledger/textfile.js';

export { localClerk } from './clerk-file.js';
const CLERK_FILE = join('.xinfang', 'clerk');

/**
 * Keeps the clerk's name for this clone: in .xinfang/clerk, and in the clone's own git config
 * (user.name; user.email only when git has none) so that `git pull` and merges have an
 * identity too. Returns the name as kept.
 */
export function setLocalClerk(root: string, nameIn: string, field = '--clerk（登记人姓名）'): string {
  const name = checkText(nameIn, field, 'name', { required: true, empty: '不能为空，如 李文' });
  mkdirSync(join(root, '.xinfang'), { recursive: true });
  writeFileAtomic(join(root, CLERK_FILE), name + '\n');
  if (existsSync(join(root, '.git'))) {
    spawnSync('git', ['config', '--local', 'user.name', name], { cwd: root, stdio: 'ignore' });
    const email = spawnSync('git', ['config', '--get', 'user.email'], { cwd: root, encoding: 'utf8' });
    if (email.status !== 0 || !email.stdout.trim()) spawnSync('git', ['config', '--local', 'user.email', 'clerk@xinfang.local'], { cwd: root, stdio: 'ignore' });
  }
  return name;
}

/** An office telephone: digits with an area code or a mobile, '-', spaces, 转 for an extension. */
export function officePhoneProblem(v: string): string | undefined {
  const t = v.trim();
  if (!t) return undefined;
  if (!/^[0-9０-９()（）+\- 、，,转]{5,40}$/.test(t)) return '应为电话号码，如 0830-5551234 或 13800138000（几个号码用“、”分开）';
  if ((t.match(/[0-9０-９]/g) ?? []).length < 7) return '号码太短：固话请带区号，如 0830-5551234';
  return undefined;
}

export function checkOfficePhone(v: string, field = '--phone（信访办电话）'): string {
  const t = checkText(v, field, 'line');
  const p = officePhoneProblem(t);
  if (p) throw badField(field, v, p);
  return t.trim();
}

/** The booking line of the 公示: with the phone when the office has one. */
export function bookingText(issuer: string, phone: string): string {
  return phone ? `来访群众可到接访地点现场登记，或提前拨打${issuer}电话 ${phone} 预约` : `来访群众可到接访地点现场登记，或提前电话联系${issuer}预约`;
}

/** The booking lines xinfang itself wrote (so that a new phone may replace them; an office's own wording is kept). */
function ownBooking(text: string): boolean {
  return text === '' || text.startsWith('来访群众可到接访地点现场登记，或提前');
}

/** The township level of a unit's name: 镇, 街道 or 乡. */
export function townshipLevel(unit: string): '乡' | '镇' | '街道' {
  const u = unit.trim();
  if (u.endsWith('镇')) return '镇';
  if (u.endsWith('街道') || u.endsWith('街道办事处') || u.endsWith('街道办')) return '街道';
  return '乡';
}

/**
 * The township preset's wording for this unit: the preset says 乡 (乡综治信访维稳中心, 乡级领导);
 * a 镇 says 镇综治信访维稳中心, 镇级领导, a 街道 街道综治信访维稳中心, 街道领导.
 */
export function wordTownship(text: string, unit: string): string {
  const level = townshipLevel(unit);
  if (level === '乡') return text;
  return text.replace(/^乡级/, level === '镇' ? '镇级' : '街道').replace(/^乡(?=综治|党政|党委|政府|人民政府|信访)/, level);
}

export interface OfficeEdit {
  phone?: string;
  address?: string;
}

/**
 * Sets the office's phone and address in xinfang.yaml (its comments and the office's other
 * settings kept), the booking line with them when it is still ours; one commit. Returns the
 * fields changed.
 */
export function setOffice(ledger: Ledger, edit: OfficeEdit, clerk: Clerk): string[] {
  const phone = edit.phone === undefined ? undefined : checkOfficePhone(edit.phone);
  const address = edit.address === undefined ? undefined : checkText(edit.address, '--address（信访办地址）', 'line').trim();
  const { parseDocument } = yamlLib();
  return ledger.locked('office', () => {
    const r = readLedgerText(ledger.root, CONFIG_FILE);
    if (!r.ok) throw badField(CONFIG_FILE, '', r.problem.message);
    const doc = parseDocument(r.text);
    const office = ledger.config.office;
    const changed: string[] = [];
    if (phone !== undefined && phone !== office.phone) {
      doc.setIn(['office', 'phone'], phone);
      changed.push('电话');
      const issuer = office.issuer || `${office.name}信访工作领导小组办公室`;
      if (ownBooking(office.booking)) doc.setIn(['office', 'booking'], bookingText(issuer, phone));
    }
    if (address !== undefined && address !== office.address) {
      doc.setIn(['office', 'address'], address);
      changed.push('地址');
    }
    if (!changed.length) return [];
    const check = Config.safeParse(doc.toJS());
    if (!check.success) throw badField(CONFIG_FILE, '', `改后无法通过校验（${check.error.issues[0]?.message ?? ''}），没有写入；请先运行 xinfang check 修正`);
    ledger.change().putText(CONFIG_FILE, String(doc)).apply(`设置信访办${changed.join('、')}`, clerk);
    return changed;
  });
}
