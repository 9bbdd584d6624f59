import { describe, expect, it } from 'vitest';
import { replaceGeneratedSection } from '../bench/replace-generated-section';

describe('replaceGeneratedSection', () => {
  it('replaces only what stands between the markers', () => {
    const page = '# Benchmarks\n\nbefore\n\n<!-- bench:start -->\nold table\n<!-- bench:end -->\n\nafter\n';
    expect(replaceGeneratedSection(page, 'new table\n')).toBe(
      '# Benchmarks\n\nbefore\n\n<!-- bench:start -->\nnew table\n\n<!-- bench:end -->\n\nafter\n',
    );
  });

  it('gives the same page when run twice with the same section', () => {
    const page = 'a\n<!-- bench:start -->\nx\n<!-- bench:end -->\nb\n';
    const once = replaceGeneratedSection(page, 'table');
    expect(replaceGeneratedSection(once, 'table')).toBe(once);
  });

  it('throws when the markers are missing or out of order', () => {
    expect(() => replaceGeneratedSection('no markers', 'x')).toThrow(/bench:start/);
    expect(() => replaceGeneratedSection('<!-- bench:end -->\n<!-- bench:start -->', 'x')).toThrow(/bench:start/);
  });
});
