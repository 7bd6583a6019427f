// CSV: a decrease (-1, -33.3%, -66.7 个百分点) is a figure, not a formula: no apostrophe in
// front of it, which a spreadsheet would show as part of the cell. Formulas still get one.
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../src/render/csv.js';

describe('csvCell', () => {
  it('leaves signed figures alone', () => {
    expect(csvCell('-1')).toBe('-1');
    expect(csvCell('+4')).toBe('+4');
    expect(csvCell('-33.3%')).toBe('-33.3%');
    expect(csvCell('-66.7 个百分点')).toBe('-66.7 个百分点');
  });
  it('still defuses anything else that starts like a formula', () => {
    expect(csvCell('-1+cmd|x')).toBe("'-1+cmd|x");
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('+1-2')).toBe("'+1-2");
    expect(csvCell('@x')).toBe("'@x");
  });
});
