// The companion for bundlers (`import { startFlowmatixLeads } from 'flowmatix-leads'`). Nothing starts on import:
// the script-tag build (global.ts) is the one that starts itself.
export { ATTRIBUTES } from './attributes';
export { EVENTS } from './events';
export { startFlowmatixLeads } from './start-flowmatix-leads';
export { readScriptConfig } from './read-script-config';
export { findCompanionScript } from './find-companion-script';
export { readWidgetIdentity } from './read-widget-identity';
export { parseWidgetText } from './parse-widget-text';
export { findVisitorUuid } from './find-visitor-uuid';
export { bindForms, DOUBLE_SUBMIT_MS } from './bind-forms';
export { mapFields } from './map-fields';
export { readControlStates } from './read-control-states';
export { debugForms } from './debug-forms';
export { createDelivery } from './create-delivery';

export type { AttributeName } from './attributes';
export type { EventName } from './events';
export type { StartOptions, FlowmatixLeadsApi } from './start-flowmatix-leads';
export type { ScriptConfig } from './read-script-config';
export type { WidgetIdentity } from './parse-widget-text';
export type { BindFormsOptions } from './bind-forms';
export type { CaptureContext, CaptureHooks } from './capture-lead';
export type { MappedField, DropReason } from './map-fields';
export type { ControlState, FieldControl } from './read-control-states';
export type { FieldRole } from './detect-field';
export type { DebugRow } from './debug-forms';
export type { CaptureFields } from './map-capture-fields';
export type { LeadDraft } from './lead-draft';
export type { Delivery, DeliveryOptions, DeliveryOutcome } from './create-delivery';
export type { LeadInput, LeadNote, LeadAttribute, LeadConsent } from '../shared/lead';
