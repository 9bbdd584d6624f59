import { describe, expect, it } from 'vitest';
import { detectRole } from '../../../src/relay/mapping/detect-role';
import { FIELD_LANGUAGES } from '../../../src/relay/mapping/field-languages';
import type { FieldWords } from '../../../src/relay/mapping/field-words';
import { words } from '../../../src/relay/mapping/words';

type WordList = Exclude<keyof FieldWords, 'lang' | 'language'>;
// What a label made of one entry alone must map to (no role: an attribute).
const ROLES: [WordList, string | undefined][] = [
  ['ignore', undefined],
  ['phoneParts', 'phone'],
  ['dialCode', 'dial-code'],
  ['email', 'email'],
  ['phone', 'phone'],
  ['note', 'note'],
  ['company', undefined],
  ['notPerson', undefined],
  ['fullName', 'name'],
  ['lastName', 'last-name'],
  ['firstName', 'first-name'],
  ['name', 'name'],
];

describe('FIELD_LANGUAGES', () => {
  it('has one entry per language, each naming email, phone, message and company, and some name', () => {
    expect(new Set(FIELD_LANGUAGES.map((language) => language.lang)).size).toBe(FIELD_LANGUAGES.length);
    for (const language of FIELD_LANGUAGES) {
      for (const list of ['email', 'phone', 'note', 'company', 'dialCode'] as const)
        expect([language.lang, list, language[list].length > 0]).toEqual([language.lang, list, true]);
      expect([
        language.lang,
        language.fullName.length + language.firstName.length + language.lastName.length + language.name.length > 0,
      ]).toEqual([language.lang, true]);
    }
  });

  it('writes entries as words() reads them, each with something left to match', () => {
    for (const language of FIELD_LANGUAGES) {
      for (const [list] of ROLES) {
        for (const entry of language[list] ?? [])
          expect([language.lang, list, entry, words(entry).trim() == '']).toEqual([language.lang, list, entry, false]);
      }
    }
  });

  it("maps a label made of any one entry to that entry's role, whatever the other languages say", () => {
    const wrong: string[] = [];
    for (const language of FIELD_LANGUAGES) {
      for (const [list, role] of ROLES) {
        for (const entry of language[list] ?? []) {
          const found = detectRole(entry.trim());
          if (found !== role) wrong.push(`${language.lang} ${list} "${entry}": ${found}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
