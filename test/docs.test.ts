import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** The page's lines outside fenced code blocks, where `[x](y)` and `#` are not Markdown. */
const outsideFences = (markdown: string): string[] => {
  let fence: string | undefined;
  const lines: string[] = [];
  for (const line of markdown.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (fence === undefined || marker.startsWith(fence))) {
      fence = fence === undefined ? marker : undefined;
      continue;
    }
    if (fence === undefined) lines.push(line);
  }
  return lines;
};

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
const slug = (heading: string): string =>
  heading
    .replace(/`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

const anchorsOf = (markdown: string): Set<string> => {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of outsideFences(markdown)) {
    const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const base = slug(heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
};

/** Every link target outside code (fenced or inline): `[text](target)` and `![alt](target)`, title dropped. */
const linksOf = (markdown: string): string[] =>
  outsideFences(markdown).flatMap((line) =>
    [...line.replace(/`[^`]*`/g, '').matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map(
      (match) => match[1] ?? '',
    ),
  );

/** The links of `page` (a path from the repository root) whose file or heading does not exist. */
const brokenLinks = (page: string, markdown: string): string[] => {
  const broken: string[] = [];
  for (const target of linksOf(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    const [path = '', anchor] = target.split('#');
    const file = path === '' ? join(ROOT, page) : resolve(ROOT, dirname(page), decodeURIComponent(path));
    if (path !== '' && (!file.startsWith(ROOT) || !existsSync(file))) {
      broken.push(`${target}: no such file ${relative(ROOT, file)}`);
    } else if (anchor !== undefined && !anchorsOf(path === '' ? markdown : readFileSync(file, 'utf8')).has(anchor)) {
      broken.push(`${target}: no heading #${anchor} in ${relative(ROOT, file)}`);
    }
  }
  return broken;
};

describe('documentation links', () => {
  it('finds the pages to check: the README and every docs/ page', () => {
    expect(PAGES).toContain('README.md');
    expect(PAGES).toContain('docs/README.md');
    expect(PAGES.length).toBeGreaterThan(10);
  });

  it('makes anchors as GitHub does, and finds links outside code only', () => {
    const page =
      '# Delivery: no lead lost, none sent twice\n## `data-debug` flag\n## FAQ\n## FAQ\n```\n# not a heading [x](nowhere.md)\n```\n[a](b.md#c) `[d](e.md)` ![f](g.png "t")\n';
    expect([...anchorsOf(page)]).toEqual(['delivery-no-lead-lost-none-sent-twice', 'data-debug-flag', 'faq', 'faq-1']);
    expect(linksOf(page)).toEqual(['b.md#c', 'g.png']);
  });

  it('names a missing file and a missing heading', () => {
    expect(
      brokenLinks(
        'docs/example.md',
        '[a](missing.md) [b](relay.md#no-such-heading) [c](relay.md#environment) [d](#here)\n## Here\n',
      ),
    ).toEqual([
      'missing.md: no such file docs/missing.md',
      'relay.md#no-such-heading: no heading #no-such-heading in docs/relay.md',
    ]);
  });

  for (const page of PAGES) {
    it(`${page}: every relative link points to an existing file, and every #anchor to a heading in it`, () => {
      expect(brokenLinks(page, readFileSync(join(ROOT, page), 'utf8'))).toEqual([]);
    });
  }
});
