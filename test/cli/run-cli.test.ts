import { describe, expect, it } from 'vitest';
import type { CliCommand, CliIo } from '../../src/cli/cli-command';
import { CliError, UsageError } from '../../src/cli/cli-error';
import { parseCommandArgs } from '../../src/cli/parse-command-args';
import { runCli } from '../../src/cli/run-cli';
import { FlowmatixError } from '../../src/flowmatix/flowmatix-error';

const failWith = (error: unknown): CliCommand => ({
  name: 'fail',
  summary: 'Fails',
  usage: 'Usage: tool fail\n',
  run: async () => {
    throw error;
  },
});

const echo: CliCommand = {
  name: 'echo',
  summary: 'Echoes --text',
  usage: 'Usage: tool echo --text TEXT\n',
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, { text: { type: 'string' } });
    io.stdout.write(`${values.text ?? ''}\n`);
    return 0;
  },
};

const run = async (argv: string[], commands: CliCommand[] = [echo], env: CliIo['env'] = {}) => {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (chunk) => (stdout += chunk) },
    stderr: { write: (chunk) => (stderr += chunk) },
    env,
  };
  const code = await runCli({ name: 'tool', version: '1.2.3', commands }, argv, io);
  return { code, stdout, stderr };
};

describe('runCli', () => {
  it('lists the commands on --help and -h, exit 0', async () => {
    for (const flag of ['--help', '-h']) {
      const result = await run([flag], [echo, failWith(new Error('x'))]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Usage: tool <command>/);
      expect(result.stdout).toMatch(/ {2}echo {2}Echoes --text\n {2}fail {2}Fails/);
    }
  });

  it('prints the usage on stderr with exit 2 when no command is given', async () => {
    const result = await run([]);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/^Usage: tool <command>/);
  });

  it('prints the version on --version and -v', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, stdout: '1.2.3\n', stderr: '' });
    expect((await run(['-v'])).stdout).toBe('1.2.3\n');
  });

  it("prints a command's usage on --help anywhere before --, even next to bad options", async () => {
    expect(await run(['echo', '--bogus', '--help'])).toEqual({ code: 0, stdout: echo.usage, stderr: '' });
    expect((await run(['help', 'echo'])).stdout).toBe(echo.usage);
    expect(await run(['echo', '--', '--help'])).toMatchObject({ code: 2 });
  });

  it('runs the command with the rest of argv', async () => {
    expect(await run(['echo', '--text', 'hi'])).toEqual({ code: 0, stdout: 'hi\n', stderr: '' });
  });

  it('answers an unknown command or option with one line and exit 2', async () => {
    expect(await run(['frob'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'tool: unknown command "frob" (commands: echo) (see tool --help)\n',
    });
    expect(await run(['--frob'])).toMatchObject({ code: 2, stderr: 'tool: unknown option --frob (see tool --help)\n' });
    expect(await run(['echo', '--frob'])).toMatchObject({
      code: 2,
      stderr: 'tool: unknown option --frob (see tool echo --help)\n',
    });
  });

  it('exits 1 for a CliError and for an unexpected error, with the message only', async () => {
    expect(await run(['fail'], [failWith(new CliError('nothing to do'))])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'tool: nothing to do\n',
    });
    const unexpected = await run(['fail'], [failWith(new TypeError('boom'))]);
    expect(unexpected).toEqual({ code: 1, stdout: '', stderr: 'tool: boom\n' });
    expect(unexpected.stderr).not.toContain('    at ');
    expect((await run(['fail'], [failWith('a string')])).stderr).toBe('tool: a string\n');
  });

  it('exits 2 for a UsageError thrown by a command', async () => {
    expect((await run(['fail'], [failWith(new UsageError('--x is wrong'))])).code).toBe(2);
  });

  it('keeps an error to one line without control characters', async () => {
    const result = await run(['fail'], [failWith(new Error('first\nsecond\u001b[31m red\r'))]);
    expect(result.stderr).toBe('tool: first second [31m red\n');
  });

  it('masks FLOWMATIX_TOKEN in any error line', async () => {
    const token = 'tok-9d8c7b6a';
    const result = await run(['fail'], [failWith(new Error(`upstream said ${token}`))], { FLOWMATIX_TOKEN: token });
    expect(result.stderr).toBe('tool: upstream said [redacted]\n');
  });

  it('hints at the token variables when the API refuses the token', async () => {
    const refused = new FlowmatixError('unauthorized', 'GET x answered 401', { status: 401 });
    expect((await run(['fail'], [failWith(refused)])).stderr).toBe(
      'tool: GET x answered 401 (check FLOWMATIX_TOKEN, and FLOWMATIX_TOKEN_HEADER if set)\n',
    );
  });
});
