/** Compressed sizes of one script, in bytes. */
export interface CompressedSize {
  gzip: number;
  brotli: number;
}

/** Leads that reached the sandbox out of the trials made. */
export interface DeliveredCount {
  delivered: number;
  trials: number;
}

/** Network conditions emulated in Chromium (DevTools protocol), as `Network.emulateNetworkConditions` takes them. */
export interface EmulatedNetwork {
  /** Added between a request sent and its response headers received. */
  latencyMs: number;
  downloadBytesPerSecond: number;
  uploadBytesPerSecond: number;
}

/** Navigate-away trials in Chromium on an emulated slow network. */
export interface SlowNetworkNavigateAway {
  network: EmulatedNetwork;
  companion: DeliveredCount;
  naiveFetch: DeliveredCount;
  /** Of each kind's trials, how many leads the relay had listed by the time the landing page had loaded. */
  listedOnLanding: { companion: number; naiveFetch: number };
}

/** What `npm run bench` writes to bench/results.json: every figure of one run. */
export interface BenchResults {
  /** When the run started, ISO 8601. */
  date: string;
  machine: { cpu: string; cores: number; memoryGb: number; node: string; chromium: string };
  /** By script: `flowmatix-leads` first, then the anchors. */
  size: Record<string, CompressedSize>;
  mainThread: {
    /** Our init (ms, less what the marks cost), measured beside the peers'. */
    initMs: number;
    submitMs: number;
    longTasks: number;
    /** Each peer's init, by name as in `size`, from the same alternated loads (absent from runs before it was). */
    peerInitMs?: Record<string, number>;
  };
  navigateAway: {
    companion: DeliveredCount;
    naiveFetch: DeliveredCount;
    /** The same trials on an emulated slow network (absent from runs before it was measured). */
    slowNetwork?: SlowNetworkNavigateAway;
  };
  relay: {
    rps: number;
    bareRps: number;
    /** rps / bareRps. */
    ratio: number;
    p50Ms: number;
    p99Ms: number;
    bareP99Ms: number;
    /** RSS of the relay process after every measured request. */
    rssMb: number;
  };
  submitToListedMs: number;
  /** What the relay itself costs, against a light upstream (`measureRelayCosts`). */
  relayCost: {
    /** Relay CPU of the costliest crafted lead near the body cap over a normal lead's. */
    worstCaseRatio: number;
    worstCaseKind: string;
    /** Relay CPU of a lead refused with 429 over a normal lead's. */
    refusedRatio: number;
    /** Relay CPU per normal lead, ms. */
    normalCpuMs: number;
    /** Throughput against the light upstream, relay and bare pass-through, and p99 (saturated) of each. */
    lightRps: number;
    lightBareRps: number;
    lightRatio: number;
    lightP99Ms: number;
    lightBareP99Ms: number;
    /** The stack's floor against the light upstream: a Hono app that forwards the JSON body, nothing checked. */
    lightFloorRps: number;
    lightFloorRatio: number;
    lightFloorP99Ms: number;
    lightConnections: number;
  };
}
