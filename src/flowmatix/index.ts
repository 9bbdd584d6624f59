export {
  createFlowmatixClient,
  DEFAULT_API_URL,
  DEFAULT_LIST_TOKEN_HEADER,
  DEFAULT_TOKEN_HEADER,
} from './create-flowmatix-client';
export type {
  CallOptions,
  ChatQuery,
  FlowmatixClient,
  FlowmatixClientOptions,
  ListAllOptions,
  UpdateLeadOptions,
} from './create-flowmatix-client';
export { CHAT_TYPES } from '../shared/chat';
export type {
  Chat,
  ChatContact,
  ChatLastMessage,
  ChatNote,
  ChatPhone,
  ChatProfile,
  ChatType,
  ChatUserDetails,
} from '../shared/chat';
export { fetchTransport } from './fetch-transport';
export { readCappedText, ResponseTooLargeError } from './read-capped-text';
export type { FlowmatixTransport, TransportRequest, TransportResponse } from './flowmatix-transport';
export { FlowmatixError } from './flowmatix-error';
export type { FlowmatixErrorCode, FlowmatixErrorDetails, FlowmatixIssue } from './flowmatix-error';
