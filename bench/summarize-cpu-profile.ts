/** The parts of a V8 `.cpuprofile` (node --cpu-prof, Chrome DevTools) a summary needs. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** One function of a summary: time spent in it (self) and in it or what it called (total), in ms. */
export interface ProfileRow {
  name: string;
  selfMs: number;
  totalMs: number;
  /** Share of all sampled time outside `(idle)`, from 0 to 1. */
  selfShare: number;
}

const IGNORED = new Set(['(idle)', '(root)']);

const nameOf = ({ functionName, url, lineNumber }: CpuProfile['nodes'][number]['callFrame']): string => {
  const file = url
    .replace(/^.*\/node_modules\//, '')
    .replace(/^.*\/(src|bench)\//, '$1/')
    .replace(/^file:\/\//, '');
  return `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
};

/**
 * The functions that took the most time in a CPU profile, by self time: each sample's time goes to the function
 * it landed in (self) and once to every distinct function on its stack (total, so recursion is not counted twice).
 *
 * @example
 * summarizeCpuProfile(JSON.parse(readFileSync('CPU.cpuprofile', 'utf8')), 15);
 */
export const summarizeCpuProfile = (profile: CpuProfile, top: number): ProfileRow[] => {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const micros = profile.timeDeltas[index] ?? 0;
    if (!node || IGNORED.has(node.callFrame.functionName)) return;
    busy += micros;
    const name = nameOf(node.callFrame);
    self.set(name, (self.get(name) ?? 0) + micros);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame || IGNORED.has(frame.functionName)) continue;
      const onStack = nameOf(frame);
      if (seen.has(onStack)) continue;
      seen.add(onStack);
      total.set(onStack, (total.get(onStack) ?? 0) + micros);
    }
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, micros]) => ({
      name,
      selfMs: micros / 1000,
      totalMs: (total.get(name) ?? micros) / 1000,
      selfShare: busy === 0 ? 0 : micros / busy,
    }));
};
