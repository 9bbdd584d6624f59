import { describe, expect, it } from 'vitest';
import { formatCsv } from '../../src/cli/format-csv';

describe('formatCsv', () => {
  it('ends every record with CRLF and leaves plain cells bare', () => {
    expect(
      formatCsv([
        ['a', 'b'],
        ['1', '2'],
      ]),
    ).toBe('a,b\r\n1,2\r\n');
  });

  it('quotes cells with a comma, a quote or a line break, doubling quotes', () => {
    expect(formatCsv([['a,b', 'say "hi"', 'line\nbreak', 'cr\r']])).toBe('"a,b","say ""hi""","line\nbreak","cr\r"\r\n');
  });

  it.each(['=SUM(A1)', '+1', '-1', '@cmd', '\tx', '\rx'])('defuses a cell a spreadsheet would run: %j', (value) => {
    const [line] = formatCsv([[value]]).split('\r\n');
    expect(line?.replace(/^"|"$/g, '').startsWith(`'${value.slice(0, 1)}`)).toBe(true);
  });

  it('quotes a defused formula that also needs quoting', () => {
    expect(formatCsv([['=HYPERLINK("http://x","y")']])).toBe('"\'=HYPERLINK(""http://x"",""y"")"\r\n');
  });

  it('leaves a cell alone when the formula character is not first', () => {
    expect(formatCsv([['a=b', 'x+1']])).toBe('a=b,x+1\r\n');
  });
});
