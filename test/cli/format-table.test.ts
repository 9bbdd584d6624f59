import { describe, expect, it } from 'vitest';
import { formatTable } from '../../src/cli/format-table';

describe('formatTable', () => {
  it('aligns columns two spaces apart and trims line ends', () => {
    expect(
      formatTable(
        ['ID', 'NAME'],
        [
          ['1', 'Ada Lovelace'],
          ['22', 'Al'],
        ],
      ),
    ).toBe('ID  NAME\n1   Ada Lovelace\n22  Al\n');
  });

  it('cuts long cells with an ellipsis', () => {
    expect(formatTable(['N'], [['abcdefgh']], { maxWidth: 5 })).toBe('N\nabcd…\n');
  });

  it('counts characters, not UTF-16 units, and does not split them', () => {
    expect(formatTable(['A', 'B'], [['😀😀', 'x']])).toBe('A   B\n😀😀  x\n');
    expect(formatTable(['N'], [['😀😀😀']], { maxWidth: 2 })).toBe('N\n😀…\n');
  });

  it('replaces control characters and bidi overrides so a cell cannot drive the terminal', () => {
    expect(formatTable(['N'], [['a\u001b[2Jb\u202ec\nd']])).toBe('N\na [2Jb c d\n');
  });
});
