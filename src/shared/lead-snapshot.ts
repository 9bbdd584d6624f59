/**
 * Wire format v2: what the companion sends at submit. The browser reads the controls that may leave it (privacy
 * rules already applied); the relay decides what each one is (`mapSnapshot`). Types only: both rooms import them.
 *
 * @example
 * const snapshot: LeadSnapshot = {
 *   v: 2,
 *   form: 'Contact',
 *   page: '/contact',
 *   at: '2024-05-01T10:00:00.000Z',
 *   controls: [{ name: 'email', type: 'email', value: 'ada@example.com' }],
 * };
 */
export interface LeadSnapshot {
  v: 2;
  /** Identity, completed by delivery as in the v1 shape. */
  botId?: string;
  customerId?: string;
  uuid?: string;
  /** The form's label (formLabel), or capture()'s label; titles the first note. */
  form: string;
  /** location.pathname */
  page: string;
  /** ISO 8601 time of the submission. */
  at: string;
  /** document.documentElement.lang ('hu-HU'): phone region of last resort. */
  lang?: string;
  /** data-default-dial-code / defaultDialCode option. */
  dialCode?: string;
  /** data-flowmatix-tags on the form (split, trimmed, non-empty). */
  tags?: string[];
  /** Labels of checked consent boxes joined '; ', and when. */
  consent?: { text: string; at: string };
  controls: SnapshotControl[];
  /** Values a `flowmatix:capture` listener set explicitly: each present key wins over detection. */
  lead?: {
    name?: string;
    email?: string;
    phone?: string;
    dialCode?: string;
    notes?: { title: string; description: string }[];
    tags?: string[];
    attributes?: { key: string; value: string }[];
  };
}

/** One control, as the page shows it. Empty strings may be omitted; every property is a string. */
export interface SnapshotControl {
  /**
   * As typed (card numbers already cut by the browser). select: the chosen options' TEXT joined ', ';
   * checkbox/radio: only CHECKED ones are sent, value = the control's value.
   */
  value: string;
  /** select only: the chosen options' VALUE attributes joined ',' (dial code "+91" behind "India"). */
  option?: string;
  name?: string;
  id?: string;
  /** control.type: 'text', 'email', 'tel', 'textarea', 'select-one', 'checkbox', 'radio', ... */
  type?: string;
  /** autocomplete + ' ' + x-autocompletetype, as written. */
  autocomplete?: string;
  /** The control's own label text: label[for], wrapping label, aria-labelledby, aria-label. */
  label?: string;
  /** Text of the closest fieldset's legend (radio / checkbox groups, grouped phone boxes). */
  legend?: string;
  placeholder?: string;
  /** data-flowmatix-field as written: a role (name|first-name|last-name|email|phone|dial-code|note|tags) or 'attribute:Key'. */
  field?: string;
}
