import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import type { LeadSnapshot, SnapshotControl } from '../../../src/shared/lead-snapshot';

/** The repository's test/fixtures folder. */
export const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures');

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface SnapshotOptions {
  /** What a visitor types or picks, by selector (`true`/`false` checks or unchecks a box). */
  type?: Record<string, string | boolean>;
  /** Also send hidden inputs nobody mapped, as a sender that ignores the contract would. */
  hidden?: boolean;
  at?: string;
  page?: string;
  lang?: string;
  dialCode?: string;
  /** Which form to read (a selector); the first `data-flowmatix` form by default. */
  form?: string;
}

const textOf = (element: Element | null | undefined): string =>
  (element?.textContent || '').replace(/\s+/g, ' ').trim();

// What the companion reads of a control (wire format v2): its own label, as people see it.
const labelOf = (control: Control): string => {
  const own = [...(control.labels || [])].map((label) => textOf(label).replace(textOf(control), '')).join(' ');
  const byId = control
    .getAttribute('aria-labelledby')
    ?.split(/\s+/)
    .map((id) => textOf(control.ownerDocument.getElementById(id)))
    .join(' ');
  return (own || byId || control.getAttribute('aria-label') || '').trim();
};

// The privacy rules the browser keeps (a small stand-in: the relay must never rely on them).
const isPrivate = (control: Control): boolean =>
  control.type == 'password' ||
  /cc-|one-time|-password/.test(
    `${control.getAttribute('autocomplete')} ${control.getAttribute('x-autocompletetype')}`,
  ) ||
  /captcha|token|nonce|csrf|password/i.test(`${control.name} ${control.id}`) ||
  control.closest('[data-flowmatix-ignore]') != null ||
  control.hasAttribute('data-flowmatix-honeypot') ||
  control.hasAttribute('data-flowmatix-consent');

/**
 * Reads a `data-flowmatix` form of an HTML page (the first unless `options.form` says) the way the companion does at submit: every control that
 * may leave the browser, with its name, id, type, autocomplete, label, legend, placeholder and value, as a
 * wire-format v2 snapshot.
 */
export const snapshotFromHtml = (html: string, options: SnapshotOptions = {}): LeadSnapshot => {
  const window = new Window();
  const document = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
  for (const [selector, value] of Object.entries(options.type ?? {})) {
    const control = document.querySelector<HTMLInputElement>(selector);
    if (!control) throw new Error(`no control ${selector}`);
    if (typeof value == 'boolean') control.checked = value;
    else control.value = value;
  }
  const form = document.querySelector(options.form ?? 'form[data-flowmatix]') as HTMLFormElement | null;
  if (!form) throw new Error(`no form ${options.form}`);
  const controls: SnapshotControl[] = [];
  for (const element of [...form.elements] as Control[]) {
    if (
      !/^(INPUT|SELECT|TEXTAREA)$/.test(element.tagName) ||
      element.disabled ||
      /^(submit|button|reset|image|file)$/.test(element.type)
    )
      continue;
    if (isPrivate(element)) continue;
    const field = element.getAttribute('data-flowmatix-field') || '';
    if (element.type == 'hidden' && !field && !options.hidden) continue;
    if ((element.type == 'checkbox' || element.type == 'radio') && !(element as HTMLInputElement).checked) continue;
    const control: SnapshotControl = { value: element.value };
    if (element.tagName == 'SELECT') {
      const chosen = [...(element as HTMLSelectElement).selectedOptions];
      control.value = chosen.map((option) => option.text.trim()).join(', ');
      control.option = chosen.map((option) => option.value).join(',');
    }
    const read: [keyof SnapshotControl, string][] = [
      ['name', element.name],
      ['id', element.id],
      ['type', element.type],
      [
        'autocomplete',
        `${element.getAttribute('autocomplete') || ''} ${element.getAttribute('x-autocompletetype') || ''}`.trim(),
      ],
      ['label', labelOf(element)],
      ['legend', textOf(element.closest('fieldset')?.querySelector('legend'))],
      ['placeholder', element.getAttribute('placeholder') || ''],
      ['field', field],
    ];
    for (const [key, value] of read) if (value) control[key] = value;
    if (control.value.trim() || control.option) controls.push(control);
  }
  const name = (attribute: string) => (form.getAttribute(attribute) || '').trim();
  const id = name('id');
  const tags = name('data-flowmatix-tags')
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  const snapshot: LeadSnapshot = {
    v: 2,
    form: name('data-flowmatix') || name('aria-label') || name('name') || (/\d/.test(id) ? '' : id) || 'Website form',
    page: options.page ?? '/',
    at: options.at ?? '2025-05-01T10:00:00.000Z',
    controls,
  };
  if (tags.length) snapshot.tags = tags;
  const lang = options.lang ?? document.documentElement.lang;
  if (lang) snapshot.lang = lang;
  if (options.dialCode) snapshot.dialCode = options.dialCode;
  window.close();
  return snapshot;
};

/** `snapshotFromHtml` of a file under test/fixtures. */
export const snapshotFromFixture = (file: string, options?: SnapshotOptions): LeadSnapshot =>
  snapshotFromHtml(readFileSync(resolve(FIXTURES, file), 'utf8'), options);
