import { Window } from 'happy-dom';
import { ATTRIBUTES } from '../browser/attributes';
import { readControls, readForm, type DropReason as BrowserDropReason } from '../browser/read-form';
import type { LeadSnapshot, SnapshotControl } from '../shared/lead-snapshot';
import type { DropReason as RelayDropReason, MappedControl } from '../relay/mapping/snapshot-mapping';
import { previewLead, type LeadPreview } from '../relay/core/preview-lead';

/** Why a control's value would not reach the lead: the browser's reasons, the relay's, or past what it reads. */
export type PreviewDropReason = BrowserDropReason | RelayDropReason | 'unread';

/** One control of a form and what a submission would make of it. */
export interface PreviewRow {
  /** How the control is named: its label, else name, id or type. */
  control: string;
  name?: string;
  type?: string;
  /** The value the page holds now (usually empty in a static page). */
  value: string;
  /** What the value maps to; `consent` for a consent box. Absent for controls the browser never sends. */
  maps?: MappedControl['maps'] | 'consent';
  dropped?: PreviewDropReason;
  /** Who drops it: the companion in the browser, or the relay. */
  by?: 'browser' | 'relay';
}

/** One form of the page and its controls, with the lead its current values would make. */
export interface FormPreview {
  /** 1-based, in document order. */
  index: number;
  /** The form's label, as the first note of its leads is titled. */
  label: string;
  /** Whether the form carries `data-flowmatix`: only such forms are captured. */
  bound: boolean;
  id?: string;
  rows: PreviewRow[];
  /** The lead from the values the page holds now, without identity. */
  lead: LeadPreview['lead'];
  /** What the relay would keep as text instead of sending as a field. */
  dropped: string[];
}

export interface PreviewFormsOptions {
  /** Overrides the page's `<html lang>`: the phone region of last resort and the language of its labels. */
  lang?: string;
  /** The page path the snapshots name. Default `/`. */
  page?: string;
  /** The submission time the snapshots name. Default now. */
  at?: string;
}

// A page read for its forms only: no script runs, nothing is fetched, no navigation.
const SETTINGS = {
  enableJavaScriptEvaluation: false,
  disableJavaScriptFileLoading: true,
  enableCSSFileLoading: false,
  enableImageFileLoading: false,
  enableIframePageLoading: false,
  disableComputedStyleRendering: true,
  navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true },
};

const nameOf = (control: SnapshotControl): string =>
  control.label || control.name || control.id || (control.type ? `(${control.type})` : '(unnamed)');

const rowOf = (control: SnapshotControl): PreviewRow => ({
  control: nameOf(control),
  ...(control.name && { name: control.name }),
  ...(control.type && { type: control.type }),
  value: control.value,
});

/** Reads one form as the companion would at submit, and maps it as the relay would. */
const previewForm = (
  form: HTMLFormElement,
  index: number,
  options: PreviewFormsOptions & { page: string; at: string },
): FormPreview => {
  const read = readControls(form);
  // As debug does: empty controls kept, gates open, so that each control shows what it would map to.
  const base = readForm(form, options.at, undefined, true);
  // The companion's script tag may name the page's default dial code.
  const script = form.ownerDocument.querySelector(`script[${ATTRIBUTES.defaultDialCode}]`);
  const dialCode = script?.getAttribute(ATTRIBUTES.defaultDialCode);
  const sent = read.filter((entry) => entry.drop === undefined).map((entry) => entry.control);
  const snapshot: LeadSnapshot = {
    v: 2,
    form: base?.form ?? 'Website form',
    page: options.page,
    at: options.at,
    controls: sent,
    ...(base?.tags && { tags: base.tags }),
    ...(base?.consent && { consent: base.consent }),
    ...((options.lang ?? base?.lang) && { lang: options.lang ?? base?.lang }),
    ...(dialCode && { dialCode }),
  };
  const preview = previewLead(snapshot);
  // The reader makes only what the relay reads: a refusal here is a bug in one of them, not in the page.
  if (!preview.ok) throw new Error(`the relay refused the snapshot of form ${index}: ${preview.message}`);
  const { fields } = preview;
  let next = 0;
  const rows = read.map(({ control, drop }): PreviewRow => {
    const row = rowOf(control);
    if (drop === 'consent') return { ...row, maps: 'consent', dropped: drop, by: 'browser' };
    if (drop !== undefined) return { ...row, dropped: drop, by: 'browser' };
    const field = fields[next];
    next += 1;
    if (field === undefined) return { ...row, dropped: 'unread', by: 'relay' };
    return {
      ...row,
      control: field.label || row.control,
      maps: field.maps,
      ...(field.dropped && { dropped: field.dropped, by: 'relay' as const }),
    };
  });
  const id = form.getAttribute('id');
  return {
    index,
    label: snapshot.form,
    bound: form.hasAttribute(ATTRIBUTES.form),
    ...(id && { id }),
    rows,
    lead: preview.lead,
    dropped: preview.dropped.map((field) => field.name),
  };
};

/**
 * Reads every `<form>` of an HTML page without a browser and tells, control by control, what a submission would
 * make of it: what the companion keeps in the browser and why (sensitive, ignored, hidden, honeypot, consent), and
 * what the relay maps the rest to (name, email, phone, a note, an attribute…) or drops (empty, duplicate…). The
 * page is parsed by happy-dom with no script run and nothing fetched; the companion's own reader and the relay's
 * own mapping do the rest, so the answer is what they do. Forms without `data-flowmatix` are read too, and marked
 * unbound: the companion leaves them alone.
 *
 * @example
 * const forms = await previewForms(await readFile('contact.html', 'utf8'), { lang: 'de' });
 * // [{ index: 1, label: 'Contact', bound: true, lead: { notes: [...] }, dropped: [],
 * //    rows: [{ control: 'E-Mail', value: '', maps: 'email', dropped: 'empty', by: 'relay' }, …] }]
 */
export const previewForms = async (html: string, options: PreviewFormsOptions = {}): Promise<FormPreview[]> => {
  const window = new Window({ url: 'http://localhost/', settings: SETTINGS });
  try {
    window.document.write(html);
    const forms = [...window.document.querySelectorAll('form')] as unknown as HTMLFormElement[];
    const settled = { ...options, page: options.page ?? '/', at: options.at ?? new Date().toISOString() };
    return forms.map((form, index) => previewForm(form, index + 1, settled));
  } finally {
    await window.happyDOM.close();
  }
};
