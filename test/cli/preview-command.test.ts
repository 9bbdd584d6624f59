import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormPreview } from '../../src/cli/preview-forms';
import { runCli } from './cli-harness';

const CF7 = 'test/fixtures/contact-form-7.html';

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowmatix-preview-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const page = async (name: string, content: string | Buffer): Promise<string> => {
  const file = join(dir, name);
  await writeFile(file, content);
  return file;
};

/** The rows of a table printed by `preview`, as cells split on runs of two spaces. */
const rowsOf = (stdout: string): string[][] =>
  stdout
    .split('\n')
    .filter(
      (line) => line !== '' && !/: \d+ forms?$/.test(line) && !line.includes(': "') && !line.startsWith('CONTROL'),
    )
    .map((line) => line.split(/ {2,}/));

const json = (stdout: string) => JSON.parse(stdout) as { file: string; lang?: string; forms: FormPreview[] };

// Every reason the browser or the relay drops a control for, and a second form that is not bound.
const KITCHEN_SINK = `<!doctype html>
<html lang="hu-HU"><head><title>Kapcsolat</title>
<script src="/flowmatix-leads.js" data-default-dial-code="+36" defer></script></head>
<body>
<form data-flowmatix="Árajánlat" data-flowmatix-tags="web, quote">
  <label for="n">Name</label><input id="n" name="name" value="Ada Lovelace">
  <label for="e">Email</label><input id="e" name="email" type="email" value="ada@example.com">
  <label for="e2">Confirm email</label><input id="e2" name="email_confirm" type="email" value="ada@example.com">
  <label for="p">Telefon</label><input id="p" name="phone" type="tel" value="06 30 123 4567">
  <label for="pw">Password</label><input id="pw" name="password" type="password" value="hunter2">
  <div data-flowmatix-ignore><label for="r">Internal ref</label><input id="r" name="ref" value="X-1"></div>
  <input type="hidden" name="utm_source" value="newsletter">
  <input type="hidden" name="campaign" value="spring" data-flowmatix-field="attribute:Campaign">
  <input name="website" data-flowmatix-honeypot tabindex="-1">
  <label><input type="checkbox" name="ok" data-flowmatix-consent checked> I agree to be contacted</label>
  <label for="c">Company</label><input id="c" name="company">
  <label for="m">Message</label><textarea id="m" name="message">Call me</textarea>
  <button>Send</button>
</form>
<form id="search" action="/search"><input name="q" aria-label="Search"></form>
</body></html>`;

describe('flowmatix-leads preview', () => {
  it('prints, for a Contact Form 7 page, what each control maps to and what is dropped and why', async () => {
    const result = await runCli(['preview', CF7]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^test\/fixtures\/contact-form-7\.html: 1 form\n\nForm 1: "Contact form", captured \(data-flowmatix\)\nCONTROL +MAPS TO +DROPPED\n/,
    );
    const rows = rowsOf(result.stdout);
    expect(rows).toContainEqual(['Your name', 'name', 'empty: sent once filled']);
    expect(rows).toContainEqual(['Your email', 'email', 'empty: sent once filled']);
    expect(rows).toContainEqual(['Phone', 'phone', 'empty: sent once filled']);
    expect(rows).toContainEqual(['Subject', 'attribute "Subject"', 'empty: sent once filled']);
    expect(rows).toContainEqual(['Your message', 'note "Your message"', 'empty: sent once filled']);
    expect(rows).toContainEqual(['_wpcf7', '-', 'hidden: sent only with data-flowmatix-field']);
  });

  it('names every reason for a drop, reads values the page holds, and marks a form without data-flowmatix', async () => {
    const file = await page('kitchen-sink.html', KITCHEN_SINK);
    const result = await runCli(['preview', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(': 2 forms\n');
    expect(result.stdout).toContain('Form 1: "Árajánlat", captured (data-flowmatix)\n');
    expect(result.stdout).toContain(
      'Form 2 #search: "search", not captured: the companion reads only forms with data-flowmatix\n',
    );
    const rows = rowsOf(result.stdout);
    expect(rows).toEqual([
      ['Name', 'name'],
      ['Email', 'email'],
      ['Confirm email', 'email', 'duplicate of an earlier value'],
      ['Telefon', 'phone'],
      ['Password', '-', 'sensitive: never read'],
      ['Internal ref', '-', 'ignored: data-flowmatix-ignore'],
      ['utm_source', '-', 'hidden: sent only with data-flowmatix-field'],
      ['Campaign', 'attribute "Campaign"'],
      ['website', '-', 'honeypot: a filled one drops the submission'],
      ['I agree to be contacted', 'consent', 'consent gate: checked, sent as consent'],
      ['Company', 'attribute "Company"', 'empty: sent once filled'],
      ['Message', 'note "Message"'],
      ['Search', 'attribute "Search"', 'empty: sent once filled'],
    ]);
    expect(result.stdout).not.toContain('hunter2');
  });

  it('prints the same as JSON with --json, with the lead the page values make (phone read in the page language)', async () => {
    const file = await page('kitchen-sink.html', KITCHEN_SINK);
    const result = await runCli(['preview', file, '--json']);
    expect(result.code).toBe(0);
    const { forms } = json(result.stdout);
    expect(forms.map((form) => [form.index, form.label, form.bound])).toEqual([
      [1, 'Árajánlat', true],
      [2, 'search', false],
    ]);
    const [quote] = forms;
    expect(quote?.rows.find((row) => row.name === 'password')).toEqual({
      control: 'Password',
      name: 'password',
      type: 'password',
      value: '',
      dropped: 'sensitive',
      by: 'browser',
    });
    expect(quote?.rows.find((row) => row.name === 'email_confirm')).toMatchObject({
      maps: 'email',
      dropped: 'duplicate',
      by: 'relay',
    });
    expect(quote?.lead).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '301234567',
      dialCode: '+36',
      tags: ['web', 'quote'],
      attributes: [{ key: 'Campaign', value: 'spring' }],
      consent: { text: 'I agree to be contacted', at: expect.any(String) },
    });
    expect(quote?.lead.notes?.[0]).toEqual({
      title: 'Árajánlat',
      description: expect.stringMatching(/^Submitted on \/kitchen-sink\.html at /),
    });
    expect(quote?.lead.notes?.[1]).toEqual({ title: 'Message', description: 'Call me' });
  });

  it('says an unchecked consent box lets nothing through', async () => {
    const file = await page(
      'consent.html',
      '<form data-flowmatix><label><input type="checkbox" data-flowmatix-consent> I agree</label></form>',
    );
    expect(rowsOf((await runCli(['preview', file])).stdout)).toEqual([
      ['I agree', 'consent', 'consent gate: unchecked, nothing is sent'],
    ]);
  });

  it('reads a phone in the region --lang names when the page names none', async () => {
    const file = await page(
      'no-lang.html',
      '<form data-flowmatix><label>Telefon <input name="tel" type="tel" value="030 1234567"></label></form>',
    );
    const german = json((await runCli(['preview', file, '--json', '--lang', 'de-DE'])).stdout);
    expect(german.lang).toBe('de-DE');
    expect(german.forms[0]?.lead).toMatchObject({ phone: '301234567', dialCode: '+49' });
    const unknown = json((await runCli(['preview', file, '--json'])).stdout);
    expect(unknown.forms[0]?.lead).not.toHaveProperty('dialCode');
  });

  it('runs no script of the page and fetches nothing', async () => {
    let requests = 0;
    const server: Server = createServer((_request, response) => {
      requests += 1;
      response.end('document.body.innerHTML = "<form><input name=x></form>"');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const html = `<html><head><script src="${origin}/a.js"></script><link rel="stylesheet" href="${origin}/a.css">
        <link rel="preload" href="${origin}/b.js" as="script"></head>
        <body><img src="${origin}/a.png"><iframe src="${origin}/frame"></iframe>
        <script>document.body.innerHTML = '<form data-flowmatix><input name="email"></form>'</script></body></html>`;
      const result = await runCli(['preview', await page('scripted.html', html)]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/scripted\.html has no <form>: the companion captures forms only/);
      expect(requests).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it.each<[string, () => Promise<string>, RegExp]>([
    ['a missing file', async () => join(dir, 'missing.html'), /cannot read .*missing\.html: no such file/],
    ['a directory', async () => dir, /is a directory, not an HTML file/],
    ['JSON', async () => page('lead.json', '{"email": "ada@example.com"}'), /lead\.json is not HTML: it holds no tags/],
    [
      'a binary file',
      async () => page('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0x3c, 0x61])),
      /image\.png is not HTML/,
    ],
    [
      'a page without forms',
      async () => page('about.html', '<h1>About us</h1><p>Hello</p>'),
      /about\.html has no <form>/,
    ],
  ])('refuses %s with one clear line and exit 1', async (_what, make, message) => {
    const result = await runCli(['preview', await make()]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^flowmatix-leads: /);
  });

  it.each<[string[], RegExp]>([
    [['preview'], /preview needs an HTML file: flowmatix-leads preview FILE\.html/],
    [['preview', CF7, 'other.html'], /preview reads one file; unexpected "other\.html"/],
    [['preview', CF7, '--lang', 'german!'], /--lang is a language tag such as de or hu-HU, not "german!"/],
    [['preview', CF7, '--lang'], /--lang needs a value/],
    [['preview', CF7, '--frob'], /unknown option --frob/],
  ])('answers %j with a usage error and exit 2', async (argv, message) => {
    const result = await runCli(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('(see flowmatix-leads preview --help)');
  });

  it('is listed in the help, and has its own', async () => {
    expect((await runCli(['--help'])).stdout).toMatch(
      /\n {2}preview +Show what each control of a page's forms maps to/,
    );
    const help = await runCli(['preview', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: flowmatix-leads preview FILE\.html \[--lang LANG\] \[--json\]/);
  });
});
