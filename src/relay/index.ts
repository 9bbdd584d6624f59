export { createRelay } from './create-relay';
export type { CompanionScript, LeadDefaults, LeadUpstream, RelayOptions, UnattachedPolicy } from './relay-options';
export { relayOptionsFromEnv } from './relay-options-from-env';
export type { RelayEnvOptions } from './relay-options-from-env';
export { RelayConfigurationError } from './relay-configuration-error';
export type { BotPair } from './parse-bots';
export { getClientIp } from './get-client-ip';
export type { TrustProxy } from './get-client-ip';
export { DEFAULT_RATE_LIMITS } from './check-rate-limits';
export type { RateLimitName, RateLimitRules } from './check-rate-limits';
export { createMemoryRateLimitStore } from './rate-limit-store';
export type { MemoryRateLimitStoreOptions, RateLimitDecision, RateLimitRule, RateLimitStore } from './rate-limit-store';
export { takeToken } from './take-token';
export type { TokenBucket } from './take-token';
export { createMemoryIdempotencyStore } from './idempotency-store';
export type {
  IdempotencyBeginResult,
  IdempotencyStore,
  MemoryIdempotencyStoreOptions,
  StoredResponse,
} from './idempotency-store';
export { createMemoryHeldLeadStore, DEFAULT_HELD_TTL_MS } from './held-lead-store';
export type { HeldLead, HeldLeadChange, HeldLeadStore, MemoryHeldLeadStoreOptions } from './held-lead-store';
export { heldLeadId } from './held-lead-id';
export { createHeldLeadForwarder } from './create-held-lead-forwarder';
export type {
  ForwardTarget,
  HeldLeadForwarder,
  HeldLeadForwarderOptions,
  HeldLeadForwardLogEntry,
  HeldLeadForwardLogger,
} from './create-held-lead-forwarder';
export { FORWARD_SIGNATURE_HEADER, signForwardBody } from './sign-forward-body';
export { consoleLogger } from './relay-log-entry';
export type { RelayLogEntry, RelayLogger } from './relay-log-entry';
export { COMPANION_PATH } from './serve-companion';
export { previewLead } from './preview-lead';
export type { LeadPreview } from './preview-lead';
export { SNAPSHOT_LIMITS } from './validate-snapshot';
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
