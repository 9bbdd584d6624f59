import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/cli-error';
import { parseCommandArgs } from '../../src/cli/parse-command-args';

const options = {
  page: { type: 'string' },
  all: { type: 'boolean' },
  tag: { type: 'string', multiple: true },
} as const;

const messageOf = (argv: string[]): string => {
  try {
    parseCommandArgs(argv, options);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  return expect.unreachable('parsing should have failed');
};

describe('parseCommandArgs', () => {
  it('parses strings, booleans and repeated options', () => {
    expect(parseCommandArgs(['--page', '2', '--all', '--tag', 'a', '--tag=b'], options).values).toEqual({
      page: '2',
      all: true,
      tag: ['a', 'b'],
    });
  });

  it.each([
    [['--frob'], 'unknown option --frob'],
    [['-x'], 'unknown option -x'],
    [['--page'], '--page needs a value (use --page=VALUE for a value that starts with -)'],
    [['--page', '--all'], '--page needs a value (use --page=VALUE for a value that starts with -)'],
    [['--all=yes'], '--all takes no value'],
    [['extra'], 'unexpected argument "extra"'],
  ])('turns %j into the UsageError "%s"', (argv, message) => {
    expect(messageOf(argv)).toBe(message);
  });

  it('accepts positionals only when allowed', () => {
    expect(parseCommandArgs(['file'], {}, { allowPositionals: true }).positionals).toEqual(['file']);
  });
});
