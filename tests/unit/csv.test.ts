import { csvDocument, csvField } from '../../src/lib/csv';

describe('csvField', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+39 333', "'+39 333"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ['-1', '-1'],
    ['-0.25', '-0.25'],
    ['12', '12'],
  ])('writes %j as %j (no formula reaches the spreadsheet)', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvField('a,"b"\nc')).toBe('"a,""b""\nc"');
    expect(csvField(null)).toBe('');
  });

  it('writes a document with a BOM and CRLF lines', () => {
    expect(csvDocument(['a', 'b'], [[1, 'x,y']])).toBe('\uFEFFa,b\r\n1,"x,y"\r\n');
  });
});
