import { describe, expect, it } from 'vitest';
import { words } from '../../../src/relay/mapping/words';

describe('words', () => {
  it('splits every naming style into lower-case words with a space at each end', () => {
    expect(words('billing_firstName[0]')).toBe(' billing first name 0 ');
    expect(words('your-email')).toBe(' your email ');
    expect(words('LNAME')).toBe(' lname ');
    expect(words('')).toBe('  ');
  });

  it('drops Latin accents, and the breve of й like the rules do', () => {
    expect(words('Téléphone*')).toBe(' telephone ');
    expect(words('Correo electrónico')).toBe(' correo electronico ');
    expect(words('Wiadomość')).toBe(' wiadomosc ');
    expect(words('Мобильный')).toBe(' мобильныи ');
  });

  it('reads Turkish dotted capitals as i, and keeps the dotless ı', () => {
    expect(words('İSİM')).toBe(' isim ');
    expect(words('Adınız')).toBe(' adınız ');
  });

  it('keeps letters of every script', () => {
    expect(words('Электронная почта')).toBe(' электронная почта ');
    expect(words('电子邮件：')).toBe(' 电子邮件 ');
    // Decomposed (NFKD), like every entry the rules compare with: ド is ト and its voicing mark.
    expect(words('メールアドレス（必須）')).toBe(' メールアドレス 必須 '.normalize('NFKD'));
  });

  it('keeps Devanagari vowel signs, virama and nukta, so words stay apart', () => {
    expect(words('नाम')).toBe(' नाम ');
    expect(words('नाम')).not.toBe(words('नम'));
    expect(words('संदेश')).toBe(' संदेश ');
    expect([...words('फ़ोन').trim()].length).toBeGreaterThanOrEqual(3);
    // The nukta written precomposed (U+095E) or combined reads the same.
    expect(words('\u095e\u094b\u0928')).toBe(words('\u092b\u093c\u094b\u0928'));
  });

  it('reads Arabic with or without vowel marks, tatweel and hamza seats alike', () => {
    expect(words('الإسم')).toBe(words('الاسم'));
    expect(words('رَقْم الهاتف')).toBe(' رقم الهاتف ');
    expect(words('الهـاتف')).toBe(' الهاتف ');
  });

  it('folds full-width letters and half-width katakana', () => {
    expect(words('Ｅメール')).toBe(' eメール '.normalize('NFKD'));
    expect(words('ﾒｰﾙ')).toBe(words('メール'));
  });
});
