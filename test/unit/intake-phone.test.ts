// Phones as clerks write them: a mobile with dashes or spaces is the same number.
import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone, phoneValid } from '../../src/domain/identity.js';
import { samePerson } from '../../src/domain/repeat.js';

describe('mobile numbers written in groups', () => {
  it('accepts 138-0013-8000 and 138 0013 8000 as 13800138000', () => {
    for (const p of ['138-0013-8000', '138 0013 8000', '+86-138-0013-8000', '1380-013-8000']) {
      expect(phoneValid(p), p).toBe(true);
      expect(normalizePhone(p), p).toBe('13800138000');
      expect(maskPhone(p), p).toBe('138****8000');
    }
  });
  it('keeps a landline its area code dash', () => {
    expect(normalizePhone('0830-5551234')).toBe('0830-5551234');
    expect(phoneValid('0830-555-1234')).toBe(true);
    expect(normalizePhone('0830-555-1234')).toBe('0830-5551234');
  });
  it('recognises the same person by name and a phone written differently', () => {
    const a = { name: '张秀英', sex: '' as const, id_number: '', phone: '13800138000', address: '', representative: false };
    expect(samePerson(a, { ...a, phone: '138-0013-8000' })).toBe(true);
  });
  it('still refuses a number that is not one', () => {
    for (const p of ['138-0013-800', '12-3456-7890', '1-3-8']) expect(phoneValid(p), p).toBe(false);
  });
});
