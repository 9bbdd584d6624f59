import type { FieldWords } from './field-words';
import { en } from './languages/en';

/**
 * The languages field detection reads, all at once: a form's language is not known (and a site may mix them).
 *
 * @example
 * FIELD_LANGUAGES.map((words) => words.language); // ['English', 'Deutsch', …]
 */
export const FIELD_LANGUAGES: readonly FieldWords[] = [en];
