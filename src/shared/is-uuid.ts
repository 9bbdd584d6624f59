/** A UUID in its canonical text form: 8-4-4-4-12 hex digits, any version or variant, either case. */
export const UUID_PATTERN = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

/**
 * Whether a string is a UUID in canonical form. Any version is accepted: the widget's visitor ids are v4 today,
 * but nothing promises that, and the API keys chats by the string as it is.
 *
 * @example
 * isUuid('7e88d192-9b20-4035-9b68-d4ac3d58a34f'); // true
 * isUuid('7e88d1929b2040359b68d4ac3d58a34f'); // false: no dashes
 */
export const isUuid = (value: string): boolean => UUID_PATTERN.test(value);
