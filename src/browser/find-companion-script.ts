/**
 * The companion's own `<script>` tag: `document.currentScript` while a classic script runs (also `defer` and
 * `async`); otherwise (`type=module`, or a tag manager that evaluates the code itself) the last tag whose src is
 * `…/flowmatix-leads.js`, query string allowed. `null` when there is none (bundled ESM use).
 *
 * @example
 * const config = readScriptConfig(findCompanionScript(document), location.href);
 */
export const findCompanionScript = (doc: Document): Element | null =>
  doc.currentScript ||
  [...doc.scripts].filter((script) => /\/flowmatix-leads(\.min)?\.js([?#]|$)/.test(script.src)).pop() ||
  null;
