export { createSandbox } from './create-sandbox';
export type { Sandbox, SandboxFaults, SandboxOptions, UnknownUuid } from './create-sandbox';
export { createMemoryStore } from './sandbox-store';
export type { SandboxRecord, SandboxStore } from './sandbox-store';
export { DEFAULT_SANDBOX_PORT, startSandbox } from './start-sandbox';
export type { RunningSandbox, StartSandboxOptions } from './start-sandbox';
