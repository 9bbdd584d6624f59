/** The browser engines the real-browser suite and the navigate-away benchmark drive. */
export const ENGINES = ['chromium', 'firefox', 'webkit'] as const;

export type EngineName = (typeof ENGINES)[number];

const isEngine = (name: string): name is EngineName => (ENGINES as readonly string[]).includes(name);

/**
 * The engines named in `FLOWMATIX_ENGINES` (comma-separated, e.g. `firefox,webkit`), every engine when it is unset
 * or empty. An unknown name is an error rather than an engine quietly left out.
 *
 * @example
 * selectedEngines('firefox'); // ['firefox']
 */
export const selectedEngines = (value = process.env.FLOWMATIX_ENGINES): EngineName[] => {
  const names = (value ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (names.length === 0) return [...ENGINES];
  const unknown = names.filter((name) => !isEngine(name));
  if (unknown.length > 0) {
    throw new Error(`Unknown engine ${unknown.join(', ')} in FLOWMATIX_ENGINES: use ${ENGINES.join(', ')}`);
  }
  return ENGINES.filter((engine) => names.includes(engine));
};
