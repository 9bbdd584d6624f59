import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { esm } from '../vite.config';

// The runtime names of each ESM entry package.json exports (types are not runtime names). Adding or dropping one
// changes what users can import: it is done here on purpose, in the same commit, and goes into the changelog.
const EXPECTED: Record<string, string[]> = {
  '.': ['ATTRIBUTES', 'EVENTS', 'startFlowmatixLeads'],
  './relay': [
    'COMPANION_PATH',
    'DEFAULT_HEALTH_PATH',
    'DEFAULT_HELD_TTL_MS',
    'DEFAULT_RATE_LIMITS',
    'DEFAULT_RELAY_PATH',
    'FORWARD_SIGNATURE_HEADER',
    'IDEMPOTENCY_KEY_FIELD',
    'IDEMPOTENCY_KEY_HEADER',
    'RELAY_ERROR_STATUS',
    'RelayConfigurationError',
    'SNAPSHOT_LIMITS',
    'consoleLogger',
    'createHeldLeadForwarder',
    'createMemoryHeldLeadStore',
    'createMemoryIdempotencyStore',
    'createMemoryRateLimitStore',
    'createRelay',
    'getClientIp',
    'heldLeadId',
    'previewLead',
    'relayOptionsFromEnv',
    'signForwardBody',
    'takeToken',
  ],
  './relay/node': [
    'HELD_LEADS_FILE',
    'createFileHeldLeadStore',
    'createNodeTransport',
    'toClientErrorListener',
    'toNodeListener',
  ],
  './relay/redis': [
    'FAIL_FAST_REDIS_OPTIONS',
    'createRedisHeldLeadStore',
    'createRedisIdempotencyStore',
    'createRedisRateLimitStore',
    'createRedisStores',
  ],
  './vite': ['flowmatixRelay'],
  './client': [
    'CHAT_TYPES',
    'DEFAULT_API_URL',
    'DEFAULT_LIST_TOKEN_HEADER',
    'DEFAULT_TOKEN_HEADER',
    'FlowmatixError',
    'ResponseTooLargeError',
    'createFlowmatixClient',
    'fetchTransport',
    'readCappedText',
  ],
  './sandbox': ['DEFAULT_SANDBOX_PORT', 'createMemoryStore', 'createSandbox', 'startSandbox'],
};

interface Entry {
  subpath: string;
  /** The source module the build makes the entry's JavaScript from (vite.config.ts). */
  source: string;
  types: string;
}

/** The ESM entries of package.json's `exports`; the script-tag bundle and package.json itself name no exports. */
const entries: Entry[] = Object.entries(pkg.exports).flatMap(([subpath, target]) => {
  if (typeof target === 'string') return [];
  const name = /^\.\/dist\/([\w-]+)\.js$/.exec(target.default)?.[1] ?? '';
  return [
    { subpath, source: (esm as Record<string, string>)[name] ?? `no build entry named "${name}"`, types: target.types },
  ];
});

describe('package entries', () => {
  it('pins an export list for each ESM entry in package.json, and no other', () => {
    expect(entries.map((entry) => entry.subpath).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(entries)('builds $subpath from a source file, and points its types where tsc emits them', (entry) => {
    expect(entry.source).toMatch(/^src\/.+\.ts$/);
    // tsconfig.build.json: rootDir src, outDir dist/types, so src/a/b.ts declares itself in dist/types/a/b.d.ts.
    expect(entry.types).toBe(`./dist/types/${entry.source.slice('src/'.length, -'.ts'.length)}.d.ts`);
  });

  it.each(entries)('$subpath exports exactly its pinned names at run time', async (entry) => {
    const module: object = await import(new URL(`../${entry.source}`, import.meta.url).href);
    expect(Object.keys(module).sort()).toEqual(EXPECTED[entry.subpath]);
  });
});
