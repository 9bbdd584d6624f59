/**
 * `npm run test:browser`: the real-browser suite in Chromium, Firefox and WebKit, one engine after the other.
 *
 *   npm run test:browser                               # every engine
 *   npm run test:browser -- --engine firefox           # one engine (repeat --engine, or commas, for more)
 *   npm run test:browser -- test/e2e/delivery.test.ts  # anything else goes to Vitest as it is
 *
 * The engines are also read from FLOWMATIX_ENGINES (e.g. `chromium,webkit`); --engine wins over it.
 */
import { spawn } from 'node:child_process';
import { selectedEngines } from './support/engines';

const passed: string[] = [];
const engines: string[] = [];
const args = process.argv.slice(2);
for (let index = 0; index < args.length; index++) {
  const arg = args[index]!;
  if (arg === '--engine' || arg === '--engines') {
    const value = args[++index];
    if (!value) throw new Error(`${arg} needs an engine name: chromium, firefox or webkit`);
    engines.push(value);
  } else if (arg.startsWith('--engine=') || arg.startsWith('--engines=')) {
    engines.push(arg.slice(arg.indexOf('=') + 1));
  } else {
    passed.push(arg);
  }
}
const env = { ...process.env };
// Checked here, so that a typo fails at once rather than in every test file.
if (engines.length > 0) env.FLOWMATIX_ENGINES = selectedEngines(engines.join(',')).join(',');
else selectedEngines(env.FLOWMATIX_ENGINES);

const vitest = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', 'e2e', ...passed], {
  stdio: 'inherit',
  env,
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => vitest.kill(signal));
vitest.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
