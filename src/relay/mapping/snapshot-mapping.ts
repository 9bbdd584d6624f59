import type { LeadAttribute, LeadConsent, LeadNote } from '../../shared/lead';
import type { FieldRole } from './field-role';

/**
 * A lead as a snapshot maps to, without identity (the body's `uuid`, `botId` and `customerId` complete it). The
 * phone and dial code are as typed and as offered ("India (+91)"): the relay's phone step reads them, with
 * `region` as the country of last resort. `region` is no lead field: take it off before validating.
 */
export interface MappedLead {
  name?: string;
  email?: string;
  phone?: string;
  dialCode?: string;
  notes: LeadNote[];
  tags: string[];
  attributes: LeadAttribute[];
  consent?: LeadConsent;
  /** The country of the page's `lang` (`hu-HU` → `HU`), for a phone typed without a calling code. */
  region?: string;
}

/** Why a control's value is not in the lead. */
export type DropReason =
  /** Nothing typed or chosen. */
  | 'empty'
  /** A hidden input without `data-flowmatix-field`. */
  | 'hidden'
  /** The same value as an earlier control of the same role. */
  | 'duplicate'
  /** The page set this part of the lead itself (`flowmatix:capture`), or a full name beside first and last names. */
  | 'overridden';

/** One control of a snapshot and what it maps to, for preview tables. */
export interface MappedControl {
  /** What people see: the label (for radios and checkbox groups the legend or shared name), else name or id. */
  label: string;
  /** As it goes into the lead: a checked box's `yes` or option label, a dial-code select's code; `''` when empty. */
  value: string;
  /** What the value is for; `attribute`: a custom attribute keyed by `label`. */
  maps: FieldRole | 'attribute';
  dropped?: DropReason;
}

/** What `mapSnapshot` answers: the lead, and each control with what it became. */
export interface SnapshotMapping {
  lead: MappedLead;
  fields: MappedControl[];
}
