import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

type Verify = (header: string, rawBody: string, secret: string) => boolean;

const DOC = new URL('../../../docs/held-leads.md', import.meta.url);

/**
 * The receiver's check exactly as docs/held-leads.md shows it to site owners (its first `js` block after "Verify it
 * on the receiver"), run with node:crypto and the clock given, so the tests prove the snippet people copy.
 */
export const docsVerify = (now: () => number): Verify => {
  const doc = readFileSync(DOC, 'utf8');
  const after = doc.slice(doc.indexOf('Verify it on the receiver'));
  const code = /```js\n([\s\S]*?)```/.exec(after)?.[1];
  if (!code) throw new Error('docs/held-leads.md lacks the verification snippet');
  const body = code.replace(/^import .*$/m, '');
  const build = new Function('createHmac', 'timingSafeEqual', 'Buffer', 'Date', `${body}\nreturn verify;`);
  return build(createHmac, timingSafeEqual, Buffer, { now }) as Verify;
};
