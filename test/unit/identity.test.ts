import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { idCheckChar, idNumberProblem, maskId, maskPhone, maskName, phoneValid, sexFromId } from '../../src/domain/identity.js';
import { similarity } from '../../src/domain/similarity.js';
import { makeId } from '../helpers/ids.js';


describe('ID numbers (GB 11643)', () => {
  it('accepts a published example and computes its check character', () => {
    // The standard's worked example: 11010519491231002X
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idNumberProblem('11010519491231002X', '2026-11-25')).toBeNull();
    expect(idNumberProblem('11010519491231002x', '2026-11-25')).toBeNull();
  });
  it('rejects a wrong check digit, a bad birth date, a future birth and a bad format', () => {
    expect(idNumberProblem('110105194912310021', '2026-11-25')).toBe('check');
    expect(idNumberProblem(makeId('110105', '1990-02-30', '123'), '2026-11-25')).toBe('birth');
    expect(idNumberProblem(makeId('110105', '2027-01-01', '123'), '2026-11-25')).toBe('future');
    expect(idNumberProblem('12345', '2026-11-25')).toBe('format');
    expect(idNumberProblem('11010519491231002Y', '2026-11-25')).toBe('format');
  });
  it('accepts the old 15-digit form with a real birth date', () => {
    expect(idNumberProblem('110105491231002', '2026-11-25')).toBeNull();
    expect(idNumberProblem('110105491331002', '2026-11-25')).toBe('birth');
  });
  it('reads sex from the 17th digit', () => {
    expect(sexFromId('11010519491231002X')).toBe('女');
    expect(sexFromId(makeId('511102', '1958-03-15', '231'))).toBe('男');
  });
  it('every generated valid ID passes and any single changed digit fails', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 1930, max: 2020 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 16 }), (reg, y, m, d, pos) => {
        const id = makeId(String(110000 + reg).slice(0, 6), `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, '123');
        expect(idNumberProblem(id, '2026-11-25')).toBeNull();
        const digit = Number(id[pos]);
        const changed = id.slice(0, pos) + String((digit + 1) % 10) + id.slice(pos + 1);
        expect(idNumberProblem(changed, '2026-11-25')).not.toBeNull();
      }),
    );
  });
});

describe('phones and masking', () => {
  it('checks mobile and landline forms', () => {
    for (const ok of ['13800138000', '0830-5551234', '08305551234', '010-12345678', '5551234', '+86 138 0013 8000']) expect(phoneValid(ok)).toBe(true);
    for (const bad of ['1380013800', '12800138000', 'abc', '138001380001', '']) expect(phoneValid(bad)).toBe(false);
  });
  it('masks ID numbers, phones and names as in the register', () => {
    expect(maskId('11010519491231002X')).toBe('110105********002X');
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('0830-5551234')).toBe('0830-****1234');
    expect(maskName('张秀英')).toBe('张**');
    expect(maskId('')).toBe('');
  });
});

describe('similarity of Chinese summaries', () => {
  it('is 1 for the same text and high for a reworded one, low for another matter', () => {
    const a = '丈夫系退伍军人，去世后遗属抚恤金一直未发放，请求核实发放';
    expect(similarity(a, a)).toBe(1);
    expect(similarity(a, '遗属抚恤金一直没有发放，请求核实发放')).toBeGreaterThan(0.5);
    expect(similarity(a, '村口道路破损严重，雨天无法通行，要求修路')).toBeLessThan(0.2);
  });
  it('ignores punctuation and spacing', () => {
    expect(similarity('要求 修复道路！', '要求修复道路')).toBe(1);
  });
  it('is symmetric and within [0, 1]', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const s = similarity(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(similarity(b, a)).toBeCloseTo(s, 10);
      }),
    );
  });
});
