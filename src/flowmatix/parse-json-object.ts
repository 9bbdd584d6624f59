/** `value` as a plain object, or `undefined` when it is anything else (array, null, primitive). */
export const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** Parses text that should hold a JSON object; `undefined` when it does not. */
export const parseJsonObject = (text: string): Record<string, unknown> | undefined => {
  try {
    return asRecord(JSON.parse(text));
  } catch {
    return undefined;
  }
};
