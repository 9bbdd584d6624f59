import { FIELD_LANGUAGES } from './field-languages';
import type { FieldRole } from './field-role';
import type { FieldWords } from './field-words';
import { words } from './words';

/** One step of detection: the words of every language for it, and the role they give (none: an attribute). */
export interface FieldRule {
  pattern: RegExp;
  role: FieldRole | undefined;
}

type WordList = Exclude<keyof FieldWords, 'lang' | 'language'>;

// The order decides: the first rule that matches wins (see FieldWords).
const ORDER: [lists: WordList[], role?: FieldRole][] = [
  [['ignore']],
  [['phoneParts'], 'phone'],
  [['dialCode'], 'dial-code'],
  [['email'], 'email'],
  [['phone'], 'phone'],
  [['note'], 'note'],
  [['company', 'notPerson']],
  [['fullName'], 'name'],
  [['lastName'], 'last-name'],
  [['firstName'], 'first-name'],
  [['name'], 'name'],
];

// An entry read as `words()` reads text, keeping its anchors (a space at either end). What is left is letters,
// digits, marks and single spaces, so it needs no escaping.
const entry = (word: string): string => {
  const core = words(word).trim();
  return core && `${word.startsWith(' ') ? ' ' : ''}${core}${word.endsWith(' ') ? ' ' : ''}`;
};

/**
 * Builds the detection rules from word lists: one regular expression per step, with the entries of every language.
 * Built once per module: the relay maps every submission with them.
 *
 * @example
 * const [ignore] = compileFieldRules([en]);
 * ignore.pattern.test(' honorific prefix '); // true
 */
export const compileFieldRules = (languages: readonly FieldWords[]): FieldRule[] =>
  ORDER.map(([lists, role]) => {
    const entries = new Set(languages.flatMap((language) => lists.flatMap((list) => language[list] ?? [])).map(entry));
    entries.delete('');
    // An empty list matches nothing.
    return { pattern: new RegExp([...entries].join('|') || '[^\\s\\S]', 'u'), role };
  });

/** The rules of every language field detection reads, in their order. */
export const FIELD_RULES: readonly FieldRule[] = compileFieldRules(FIELD_LANGUAGES);

/**
 * The first rule whose words appear in `text` (as `words()` reads it), or `undefined` when none does.
 *
 * @example
 * findFieldRule(words('Your e-mail'))?.role; // 'email'
 * findFieldRule(words('Company name'))?.role; // undefined: a rule matched, and it gives no role
 */
export const findFieldRule = (text: string): FieldRule | undefined =>
  FIELD_RULES.find((rule) => rule.pattern.test(text));
