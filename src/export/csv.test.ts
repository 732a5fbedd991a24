import { describe, expect, it } from 'vitest';
import { csvDocument, csvField, csvRecord } from './csv.ts';

describe('RFC 4180 CSV', () => {
  it('quotes only fields with a comma, a double quote or a line break, doubling quotes', () => {
    expect(csvField('Amanat')).toBe('Amanat');
    expect(csvField('Auyl, party')).toBe('"Auyl, party"');
    expect(csvField('the "People\'s" Party')).toBe('"the ""People\'s"" Party"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField('«AMANAT» партиясы')).toBe('«AMANAT» партиясы');
    expect(csvField(null)).toBe('');
    expect(csvField(12345678901234567890n)).toBe('12345678901234567890');
    expect(csvField(true)).toBe('true');
  });

  it('ends every record with CRLF and refuses a row that does not fit its header', () => {
    expect(csvRecord(['a', 1, null])).toBe('a,1,\r\n');
    expect(csvDocument(['x', 'y'], [['1', '2,3']])).toBe('x,y\r\n1,"2,3"\r\n');
    expect(() => csvDocument(['x', 'y'], [['1']])).toThrow(/1 fields under a header of 2/);
  });

  it('writes a text a spreadsheet would run as a formula as quoted text with a leading apostrophe', () => {
    expect(csvField("=cmd|' /C calc'!A0")).toBe(`"'=cmd|' /C calc'!A0"`);
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+7 777')).toBe(`"'+7 777"`);
    expect(csvField('-2+3')).toBe(`"'-2+3"`);
    expect(csvField('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvField('\tx')).toBe(`"'\tx"`);
    expect(csvField('\rx')).toBe(`"'\rx"`);
    expect(csvField('＝1+1')).toBe(`"'＝1+1"`);
  });

  it('keeps numbers numbers, negative ones included, and leaves other texts alone', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField(-12345678901234567890n)).toBe('-12345678901234567890');
    expect(csvField('-5')).toBe('-5');
    expect(csvField('+3.25')).toBe('+3.25');
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField("O'Neil")).toBe("O'Neil");
  });
});
