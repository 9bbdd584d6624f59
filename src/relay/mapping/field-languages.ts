import type { FieldWords } from './field-words';
import { ar } from './languages/ar';
import { de } from './languages/de';
import { en } from './languages/en';
import { es } from './languages/es';
import { fr } from './languages/fr';
import { hi } from './languages/hi';
import { hiLatn } from './languages/hi-latn';
import { it } from './languages/it';
import { ja } from './languages/ja';
import { nl } from './languages/nl';
import { pl } from './languages/pl';
import { pt } from './languages/pt';
import { ru } from './languages/ru';
import { tr } from './languages/tr';
import { zh } from './languages/zh';

/**
 * The languages field detection reads, all at once: a form's language is not known, and sites mix them.
 *
 * @example
 * FIELD_LANGUAGES.map((words) => words.lang); // ['en', 'de', 'fr', …]
 */
export const FIELD_LANGUAGES: readonly FieldWords[] = [en, de, fr, es, pt, it, nl, pl, tr, ru, ar, hi, hiLatn, ja, zh];
