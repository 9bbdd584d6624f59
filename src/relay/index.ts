export { createRelay } from './core/create-relay';
export type { CompanionScript, LeadDefaults, LeadUpstream, RelayOptions, UnattachedPolicy } from './core/relay-options';
export { relayOptionsFromEnv } from './core/relay-options-from-env';
export type { RelayEnvOptions } from './core/relay-options-from-env';
export { RelayConfigurationError } from './core/relay-configuration-error';
export type { BotPair } from './core/parse-bots';
export { getClientIp } from './core/get-client-ip';
export type { TrustProxy } from './core/get-client-ip';
export { DEFAULT_RATE_LIMITS } from './core/check-rate-limits';
export type { RateLimitName, RateLimitRules } from './core/check-rate-limits';
export { createMemoryRateLimitStore } from './stores/rate-limit-store';
export type {
  MemoryRateLimitStoreOptions,
  RateLimitDecision,
  RateLimitRule,
  RateLimitStore,
} from './stores/rate-limit-store';
export { takeToken } from './stores/take-token';
export type { TokenBucket } from './stores/take-token';
export { createMemoryIdempotencyStore } from './stores/idempotency-store';
export type {
  IdempotencyBeginResult,
  IdempotencyStore,
  MemoryIdempotencyStoreOptions,
  StoredResponse,
} from './stores/idempotency-store';
export { createMemoryHeldLeadStore, DEFAULT_HELD_TTL_MS, heldLeadId } from './stores/held-lead-store';
export type { HeldLead, HeldLeadChange, HeldLeadStore, MemoryHeldLeadStoreOptions } from './stores/held-lead-store';
export { createHeldLeadForwarder } from './core/create-held-lead-forwarder';
export type {
  ForwardTarget,
  HeldLeadForwarder,
  HeldLeadForwarderOptions,
  HeldLeadForwardLogEntry,
  HeldLeadForwardLogger,
} from './core/create-held-lead-forwarder';
export { FORWARD_SIGNATURE_HEADER, signForwardBody } from './core/sign-forward-body';
export { consoleLogger } from './core/relay-log-entry';
export type { RelayLogEntry, RelayLogger } from './core/relay-log-entry';
export { COMPANION_PATH } from './core/serve-companion';
export { previewLead } from './core/preview-lead';
export type { LeadPreview } from './core/preview-lead';
export { SNAPSHOT_LIMITS } from './core/validate-snapshot';
export type { LeadSnapshot, SnapshotControl } from '../shared/lead-snapshot';
export type { DropReason, MappedControl } from './mapping/snapshot-mapping';
export type { FieldRole } from './mapping/field-role';
export {
  DEFAULT_HEALTH_PATH,
  DEFAULT_RELAY_PATH,
  IDEMPOTENCY_KEY_FIELD,
  IDEMPOTENCY_KEY_HEADER,
  RELAY_ERROR_STATUS,
} from '../shared/relay-protocol';
export type { RelayErrorCode, RelayFailure, RelayIssue, RelayResponse, RelaySuccess } from '../shared/relay-protocol';
