import { normalizeText } from './normalize-text';

/**
 * A person's name as stored: NFC, trimmed, whitespace runs collapsed to one space, control characters gone.
 * Case is left alone: people write their names as they mean them.
 *
 * @example
 * normalizeName('  Ada \t Lovelace\n'); // 'Ada Lovelace'
 */
export const normalizeName = (value: string): string => normalizeText(value);

/**
 * A full name from separate first and last name fields; either may be empty.
 *
 * @example
 * joinName(' Ada ', 'Lovelace'); // 'Ada Lovelace'
 * joinName('', 'Lovelace'); // 'Lovelace'
 */
export const joinName = (first: string, last: string): string => normalizeText(`${first} ${last}`);
