// The shared room's public surface. Browser code imports single files (e.g. `../shared/is-uuid`) instead:
// this index pulls in zod through the lead schemas and libphonenumber through the phone reading.
export { countryCallingCode, isCallingCode, matchCallingCode, toCountryCode } from './calling-codes';
export { CHAT_TYPES } from './chat';
export { foldDigits } from './fold-digits';
export { isUuid, UUID_PATTERN } from './is-uuid';
export { CHAT_STATUSES } from './lead';
export { LEAD_ID_PATTERN, LEAD_LIMITS } from './lead-limits';
export { leadFieldSchemas, leadInputSchema, upstreamLeadSchema } from './lead-schema';
export { normalizeDialCode } from './normalize-dial-code';
export { EMAIL_PATTERN, looksLikeEmail, normalizeEmail } from './normalize-email';
export { joinName, normalizeName } from './normalize-name';
export { hasControlChars, normalizeText } from './normalize-text';
export { parsePhone } from './parse-phone';
export { sleep } from './sleep';
export {
  DEFAULT_HEALTH_PATH,
  DEFAULT_RELAY_PATH,
  IDEMPOTENCY_KEY_FIELD,
  IDEMPOTENCY_KEY_HEADER,
  isRetryableStatus,
  RELAY_ERROR_STATUS,
} from './relay-protocol';

export type {
  Chat,
  ChatContact,
  ChatLastMessage,
  ChatNote,
  ChatPhone,
  ChatProfile,
  ChatType,
  ChatUserDetails,
} from './chat';
export type { ChatStatus, LeadAttribute, LeadConsent, LeadInput, LeadNote, UpstreamLead } from './lead';
export type { LeadSnapshot, SnapshotControl } from './lead-snapshot';
export type { ParsedPhone } from './parse-phone';
export type {
  RelayErrorCode,
  RelayFailure,
  RelayIssue,
  RelayResponse,
  RelaySuccess,
} from './relay-protocol';
