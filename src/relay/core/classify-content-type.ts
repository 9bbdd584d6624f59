/** The body formats the relay reads: JSON, or JSON sent as `text/plain` by `navigator.sendBeacon`. */
export type BodyKind = 'json' | 'text';

const UTF8 = new Set(['utf-8', 'utf8']);

/**
 * Reads a `Content-Type` header: `application/json` and `text/plain` in any case and with parameters; any
 * `charset` other than UTF-8 is refused because the body is decoded as UTF-8. Anything else is `undefined`.
 * Whether `text` is acceptable depends on the origin and is decided by the caller.
 *
 * @example
 * classifyContentType('Application/JSON; charset="UTF-8"'); // 'json'
 * classifyContentType('text/plain;charset=UTF-8'); // 'text'
 * classifyContentType('multipart/form-data; boundary=x'); // undefined
 */
export const classifyContentType = (header: string | null): BodyKind | undefined => {
  if (header === null) return undefined;
  const [mediaType = '', ...parameters] = header.split(';');
  for (const parameter of parameters) {
    const separator = parameter.indexOf('=');
    if (separator === -1) continue;
    const name = parameter.slice(0, separator).trim().toLowerCase();
    const value = parameter
      .slice(separator + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
    if (name === 'charset' && !UTF8.has(value)) return undefined;
  }
  switch (mediaType.trim().toLowerCase()) {
    case 'application/json':
      return 'json';
    case 'text/plain':
      return 'text';
    default:
      return undefined;
  }
};
