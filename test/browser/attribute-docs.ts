import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** One attribute's reference entry, as the table in docs/attributes.md shows it. */
export interface AttributeDoc {
  key: string;
  name: string;
  description: string;
  example: string;
}

/**
 * Reads the reference documentation of every attribute from the JSDoc of `ATTRIBUTES` in src/browser/attributes.ts
 * (description, then `@example`), so the table in docs/attributes.md and the bundle share one source and the bundle
 * carries none of the text.
 *
 * @example
 * for (const { name, description, example } of readAttributeDocs()) console.log(`| \`${name}\` | ${description} |`);
 */
export const readAttributeDocs = (
  path = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/browser/attributes.ts'),
): AttributeDoc[] => {
  const source = ts.createSourceFile('attributes.ts', readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const docs: AttributeDoc[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAssignment(node) && ts.isStringLiteral(node.initializer) && ts.isIdentifier(node.name)) {
      const [doc] = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
      const text = (comment: string | ts.NodeArray<ts.JSDocComment> | undefined) =>
        (typeof comment == 'string' ? comment : (comment ?? []).map((part) => part.text).join(''))
          .replace(/\s+/g, ' ')
          .trim();
      const example = doc?.tags?.find((tag) => tag.tagName.text == 'example');
      docs.push({
        key: node.name.text,
        name: node.initializer.text,
        description: text(doc?.comment),
        example: text(example?.comment),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return docs;
};
