import { describe, expect, it } from 'vitest';
import { ATTRIBUTES } from '../../src/browser/attributes';
import { readAttributeDocs } from './attribute-docs';

describe('ATTRIBUTES', () => {
  const docs = readAttributeDocs();

  it('documents every attribute with a description and an HTML example that uses it', () => {
    expect(docs.map((doc) => [doc.key, doc.name])).toEqual(Object.entries(ATTRIBUTES));
    for (const { name, description, example } of docs) {
      expect(description.length, name).toBeGreaterThan(20);
      expect(example, name).toMatch(new RegExp(`^<(form|input|div|label|script)\\b.*\\b${name}\\b`));
    }
  });

  it('names form and control attributes with one prefix, and keeps every name distinct', () => {
    const names = Object.values(ATTRIBUTES);
    expect(new Set(names).size).toBe(names.length);
    for (const doc of docs) {
      const onScriptTag = doc.example.startsWith('<script');
      expect(doc.name.startsWith('data-flowmatix'), doc.name).toBe(!onScriptTag);
    }
  });
});
