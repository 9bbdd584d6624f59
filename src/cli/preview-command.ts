import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { CliCommand } from './cli-command';
import { CliError, UsageError } from './cli-error';
import { formatTable } from './format-table';
import { parseCommandArgs } from './parse-command-args';
import { previewForms, type FormPreview, type PreviewRow } from './preview-forms';

const USAGE = `Usage: flowmatix-leads preview FILE.html [--lang LANG] [--json]

Read the forms of an HTML page without a browser and show, form by form, what each control would map to in a
lead (name, email, phone, a note, an attribute…) and what is dropped and why. No script of the page runs and
nothing is fetched. Save a page built by scripts from the browser (DevTools: Copy outerHTML) to preview it.

Options:
  --lang LANG   The page's language, as <html lang> would say it (de, hu-HU): the phone region of last resort
  --json        Print the same as JSON, with the lead each form's current values make
  -h, --help    Show this help

Dropped in the browser: sensitive (never read), ignored (data-flowmatix-ignore), hidden (a hidden input without
data-flowmatix-field), honeypot, consent (the gate: unchecked, nothing is sent). Dropped by the relay: empty,
duplicate, overridden (the page sets it in flowmatix:capture, or a full name beside first and last names).
`;

// More than any page a site owner saves; the cap keeps a wrong path (a disk image, a log) from filling memory.
const MAX_BYTES = 10 * 1024 * 1024;
// A BCP 47 tag as pages write it: `de`, `hu-HU`, `zh-Hans-CN`, `en_GB`.
const LANG = /^[a-z]{2,3}(?:[-_][a-z\d]{2,8})*$/i;
// Text from the page goes to a terminal: control characters and bidi overrides become spaces.
const UNSAFE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

const ROLE_TEXT: Record<string, string> = {
  'first-name': 'first name',
  'last-name': 'last name',
  'dial-code': 'dial code',
};

const WHY: Record<NonNullable<PreviewRow['dropped']>, string> = {
  sensitive: 'sensitive: never read',
  ignored: 'ignored: data-flowmatix-ignore',
  hidden: 'hidden: sent only with data-flowmatix-field',
  honeypot: 'honeypot: a filled one drops the submission',
  consent: 'consent gate: unchecked, nothing is sent',
  empty: 'empty: sent once filled',
  duplicate: 'duplicate of an earlier value',
  overridden: 'overridden',
  unread: 'past the controls the relay reads',
};

const mapsText = (row: PreviewRow): string => {
  switch (row.maps) {
    case undefined:
      return '-';
    case 'note':
      return `note "${row.control}"`;
    case 'attribute':
      return `attribute "${row.control}"`;
    default:
      return ROLE_TEXT[row.maps] ?? row.maps;
  }
};

const whyText = (row: PreviewRow): string => {
  if (row.dropped === undefined) return '';
  if (row.dropped === 'consent' && row.value !== '') return 'consent gate: checked, sent as consent';
  // The relay reads hidden inputs the page mapped; one it still calls hidden is kept out by the mapping.
  return row.dropped === 'hidden' && row.by === 'relay' ? 'hidden' : WHY[row.dropped];
};

const formText = (form: FormPreview): string => {
  const where = form.id ? ` #${form.id}` : '';
  const bound = form.bound
    ? 'captured (data-flowmatix)'
    : 'not captured: the companion reads only forms with data-flowmatix';
  const title = `Form ${form.index}${where}: "${form.label}", ${bound}`.replace(UNSAFE, ' ');
  if (form.rows.length === 0) return `${title}\n  (no controls)\n`;
  const rows = form.rows.map((row) => [row.control, mapsText(row), whyText(row)]);
  return `${title}\n${formatTable(['CONTROL', 'MAPS TO', 'DROPPED'], rows, { maxWidth: 48 })}`;
};

const readPage = async (file: string): Promise<string> => {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new CliError(`${file} is a directory, not an HTML file`);
    if (info.size > MAX_BYTES) {
      throw new CliError(`${file} is ${info.size} bytes: more than the 10 MiB an HTML page may be here`);
    }
    bytes = await readFile(file);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`cannot read ${file}: no such file`);
    if (code === 'EACCES' || code === 'EPERM') throw new CliError(`cannot read ${file}: permission denied`);
    throw new CliError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = bytes.toString('utf8');
  if (bytes.includes(0) || !/<[a-z!]/i.test(text)) {
    throw new CliError(`${file} is not HTML: it holds no tags (give the page's HTML, such as a saved .html file)`);
  }
  return text;
};

/** `flowmatix-leads preview FILE.html`: what the companion and the relay would make of each form of a page. */
export const previewCommand: CliCommand = {
  name: 'preview',
  summary: "Show what each control of a page's forms maps to, without a browser",
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { lang: { type: 'string' }, json: { type: 'boolean' } },
      { allowPositionals: true },
    );
    const [file, ...extra] = positionals;
    if (file === undefined) throw new UsageError('preview needs an HTML file: flowmatix-leads preview FILE.html');
    if (extra.length > 0) throw new UsageError(`preview reads one file; unexpected "${extra[0]}"`);
    const { lang } = values;
    if (lang !== undefined && !LANG.test(lang)) {
      throw new UsageError(`--lang is a language tag such as de or hu-HU, not "${lang}"`);
    }

    const html = await readPage(file);
    const forms = await previewForms(html, { page: `/${basename(file)}`, ...(lang !== undefined && { lang }) });
    if (forms.length === 0) {
      throw new CliError(
        `${file} has no <form>: the companion captures forms only (a form a script builds exists only once it ` +
          'runs: save the page from the browser to preview it)',
      );
    }

    if (values.json) {
      io.stdout.write(`${JSON.stringify({ file, ...(lang !== undefined && { lang }), forms }, null, 2)}\n`);
      return 0;
    }
    const count = forms.length === 1 ? '1 form' : `${forms.length} forms`;
    io.stdout.write(`${`${file}: ${count}`.replace(UNSAFE, ' ')}\n\n${forms.map(formText).join('\n')}`);
    return 0;
  },
};
