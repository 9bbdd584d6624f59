/**
 * Tags from a comma-separated text (`data-flowmatix-tags`, or the `tags` of an API capture): trimmed, empty ones
 * left out; `undefined` when none is left.
 *
 * @example
 * splitTags(' vip, pricing ,,'); // ['vip', 'pricing']
 */
export const splitTags = (text: string): string[] | undefined => {
  const tags = text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  return tags[0] ? tags : undefined;
};
