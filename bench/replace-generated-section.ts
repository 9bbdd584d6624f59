const GENERATED_START = '<!-- bench:start -->';
const GENERATED_END = '<!-- bench:end -->';

/**
 * `markdown` with what stands between its `<!-- bench:start -->` and `<!-- bench:end -->` lines replaced by
 * `section`, the rest of the page untouched. Throws when the markers are missing or out of order.
 *
 * @example
 * writeFileSync(page, replaceGeneratedSection(readFileSync(page, 'utf8'), formatResults(results, notes, checks)));
 */
export const replaceGeneratedSection = (markdown: string, section: string): string => {
  const start = markdown.indexOf(GENERATED_START);
  const end = markdown.indexOf(GENERATED_END);
  if (start < 0 || end < start) throw new Error(`no ${GENERATED_START} … ${GENERATED_END} section to replace`);
  return `${markdown.slice(0, start + GENERATED_START.length)}\n${section.trim()}\n\n${markdown.slice(end)}`;
};
