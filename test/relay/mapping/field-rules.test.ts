import { describe, expect, it } from 'vitest';
import { compileFieldRules, FIELD_RULES, findFieldRule } from '../../../src/relay/mapping/field-rules';
import type { FieldWords } from '../../../src/relay/mapping/field-words';
import { words } from '../../../src/relay/mapping/words';

const language: FieldWords = {
  lang: 'xx',
  language: 'Test',
  dialCode: [],
  email: ['E-Mail'],
  phone: [' tel ', 'phone'],
  note: [' msg'],
  company: ['firm '],
  fullName: [],
  lastName: [],
  firstName: [],
  name: ['name'],
};

describe('compileFieldRules', () => {
  const rules = compileFieldRules([language]);
  const roleOf = (text: string) => rules.find((rule) => rule.pattern.test(words(text)))?.role ?? 'none';

  it('reads a space at either end of an entry as the edge of a word', () => {
    expect(['tel', 'Telegram', 'hotel', 'tel-1'].map(roleOf)).toEqual(['phone', 'none', 'none', 'phone']);
    expect(['msg', 'msgText', 'sms'].map(roleOf)).toEqual(['note', 'note', 'none']);
    const company = rules[6]!.pattern;
    expect(['Firm', 'Law firm', 'Firmware', 'Confirm'].map((text) => company.test(words(text)))).toEqual([
      true,
      true,
      false,
      true,
    ]);
    expect(['mobilephone', 'phoneNumber'].map(roleOf)).toEqual(['phone', 'phone']);
  });

  it('reads entries as words() reads text: any case, accents and separators', () => {
    expect(['e-mail', 'E_MAIL', 'E mail'].map(roleOf)).toEqual(['email', 'email', 'email']);
  });

  it('checks the steps in their order, and an empty list matches nothing', () => {
    expect(rules.map((rule) => rule.role)).toEqual([
      undefined,
      'phone',
      'dial-code',
      'email',
      'phone',
      'note',
      undefined,
      'name',
      'last-name',
      'first-name',
      'name',
    ]);
    expect(roleOf('phone name')).toBe('phone');
    expect(rules[0]!.pattern.test(words('anything at all'))).toBe(false);
    expect(rules[0]!.pattern.test('  ')).toBe(false);
  });
});

describe('findFieldRule', () => {
  it('answers the first rule that matches, one without a role too, or none', () => {
    expect(findFieldRule(words('Your e-mail'))?.role).toBe('email');
    const company = findFieldRule(words('Company name'));
    expect(company).toBe(FIELD_RULES[6]);
    expect(company?.role).toBeUndefined();
    expect(findFieldRule(words('Budget'))).toBeUndefined();
  });
});
