import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_PATH } from '../../src/shared/relay-protocol';

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
/** npm installs from its cache when it can, but a cold cache goes to the registry: generous on a busy machine. */
const INSTALL_MS = 240_000;
const START_MS = 60_000;

// What a user of the package needs, and nothing else: no sources, tests, benchmarks, demo nor source maps.
const SHIPPED = [/^bin\/[\w-]+\.js$/, /^dist\/(?!.*\.map$).+/, /^README\.md$/, /^LICENSE$/, /^package\.json$/];

interface PackedFile {
  path: string;
}

const npm = (args: string[], cwd: string) =>
  run('npm', args, { cwd, maxBuffer: 64 * 1024 * 1024, timeout: INSTALL_MS, env: { ...process.env, NO_COLOR: '1' } });

/** Every file path a package.json's `exports` and `bin` point at. */
const targetsOf = (manifest: { exports: unknown; bin: Record<string, string> }): string[] => {
  const targets: string[] = Object.values(manifest.bin);
  const walk = (value: unknown): void => {
    if (typeof value === 'string') targets.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(manifest.exports);
  return targets.map((target) => target.replace(/^\.\//, ''));
};

// Packed with --ignore-scripts: it ships the dist/ that `npm ci` (its `prepare` script) or `npm run build` made.
describe('the package installed from its tarball, outside this repository', () => {
  let project: string;
  let packed: PackedFile[];
  let relay: ChildProcess | undefined;

  beforeAll(async () => {
    await access(join(ROOT, 'dist/cli.js')).catch(() => {
      throw new Error('dist/ is not built: run `npm run build` first');
    });
    project = await mkdtemp(join(tmpdir(), 'flowmatix-install-'));
    const { stdout } = await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', project], ROOT);
    const [tarball] = JSON.parse(stdout) as { filename: string; files: PackedFile[] }[];
    packed = tarball?.files ?? [];
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'a-site', private: true, type: 'module' }));
    await npm(
      ['install', `./${tarball?.filename}`, '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock'],
      project,
    );
  }, INSTALL_MS * 2);

  afterAll(async () => {
    if (relay?.pid !== undefined && relay.exitCode === null) process.kill(-relay.pid, 'SIGKILL');
    if (project) await rm(project, { recursive: true, force: true });
  });

  it('holds only bin/, dist/ without source maps, README.md, LICENSE and package.json', () => {
    const paths = packed.map((file) => file.path);
    expect(paths.filter((path) => !SHIPPED.some((pattern) => pattern.test(path)))).toEqual([]);
    expect(paths).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
  });

  it('holds every file its package.json exports and its bin', async () => {
    const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
    const paths = new Set(packed.map((file) => file.path));
    expect(targetsOf(manifest).filter((target) => !paths.has(target))).toEqual([]);
  });

  it('runs `npx flowmatix-leads --help`', async () => {
    const { stdout } = await run('npx', ['--no-install', 'flowmatix-leads', '--help'], {
      cwd: project,
      timeout: START_MS,
    });
    expect(stdout).toMatch(/Usage: flowmatix-leads/);
    expect(stdout).toMatch(/\brelay\b/);
  });

  it(
    'runs `FLOWMATIX_BOTS=b:c npx flowmatix-leads relay --sandbox`, as the README says, and its health check answers 200',
    async () => {
      const child = spawn('npx', ['--no-install', 'flowmatix-leads', 'relay', '--sandbox', '--port', '0'], {
        cwd: project,
        // Its own process group: npx runs the CLI in a child of its own, and both must stop.
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: project, NO_COLOR: '1', FLOWMATIX_BOTS: 'b:c' },
      });
      relay = child;
      let output = '';
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const url = await new Promise<string>((found, failed) => {
        const timer = setTimeout(() => failed(new Error(`not listening after ${START_MS} ms:\n${output}`)), START_MS);
        child.once('exit', (code) => failed(new Error(`exited (${String(code)}) before listening:\n${output}`)));
        createInterface({ input: child.stdout }).on('line', (line) => {
          output += `${line}\n`;
          const listening = /listening on (http:\/\/\S+)/.exec(line)?.[1];
          if (listening === undefined) return;
          clearTimeout(timer);
          found(listening.replace(/\/$/, ''));
        });
      });
      const health = await fetch(`${url}${DEFAULT_HEALTH_PATH}`);
      expect(health.status).toBe(200);
      const exited = new Promise((done) => child.once('exit', done));
      process.kill(-(child.pid as number), 'SIGTERM');
      await exited;
    },
    START_MS * 2,
  );
});
