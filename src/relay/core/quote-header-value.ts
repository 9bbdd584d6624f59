const MAX_CHARS = 100;

const escape = (char: string): string =>
  char === '"' || char === '\\'
    ? `\\${char}`
    : /[\x20-\x7e]/.test(char)
      ? char
      : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * A header value as an answer or a log line may quote it: in double quotes, characters outside printable ASCII
 * written as `\uXXXX`, quotes and backslashes escaped, and cut after about 100 characters, so that a client can
 * neither make a message long nor make it say more than the one value.
 *
 * @example
 * quoteHeaderValue('shop_1.example'); // '"shop_1.example"'
 * quoteHeaderValue('x'.repeat(500)); // '"xxx…"' (100 x's, then an ellipsis)
 */
export const quoteHeaderValue = (value: string): string => {
  let quoted = '';
  for (let index = 0; index < value.length; index += 1) {
    if (quoted.length >= MAX_CHARS) return `"${quoted}…"`;
    quoted += escape(value[index] as string);
  }
  return `"${quoted}"`;
};
