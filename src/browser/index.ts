// The companion for bundlers (`import { startFlowmatixLeads } from 'flowmatix-leads'`). Nothing starts on import:
// the script-tag build (global.ts) is the one that starts itself.
export { startFlowmatixLeads } from './start-flowmatix-leads';
export { ATTRIBUTES } from './attributes';
export { EVENTS } from './events';

export type { StartOptions, FlowmatixLeadsApi } from './start-flowmatix-leads';
export type { AttributeName } from './attributes';
export type { EventName } from './events';
export type { ScriptConfig } from './read-script-config';
export type { CaptureFields } from './read-capture-fields';
export type { CaptureDetail } from './capture-lead';
export type { DebugRow } from './debug-forms';
export type { Delivery, DeliveryOptions, DeliveryOutcome } from './create-delivery';
export type { LeadSnapshot, SnapshotControl } from '../shared/lead-snapshot';
