import { describe, expect, it } from 'vitest';
import { isSensitiveField } from '../../src/browser/is-sensitive-field';

describe('isSensitiveField', () => {
  it('drops passwords by type', () => {
    expect(isSensitiveField('pin', 'password')).toBe(true);
  });

  it('drops payment, one-time and password autocomplete tokens', () => {
    for (const token of [
      'cc-number',
      'cc-csc',
      'cc-exp',
      'billing cc-name',
      'one-time-code',
      'new-password',
      'current-password',
    ]) {
      expect([token, isSensitiveField('field', 'text', token)]).toEqual([token, true]);
    }
  });

  it('drops controls named or labelled like secrets, cards and national ids', () => {
    const hints = [
      'cardnumber Card number',
      'card_cvc',
      'CVV',
      'cc_num',
      'ccnumber',
      'cc-exp',
      'iban IBAN',
      'ssn Social Security Number',
      'Passwort',
      'mot de passe',
      'Contraseña',
      'Senha',
      'Kartennummer',
      'numero de tarjeta',
      'otp Verification code',
      'g-recaptcha-response',
      'cf-turnstile-response',
      '_wpnonce',
      'csrf_token',
    ];
    for (const hint of hints) expect([hint, isSensitiveField(hint)]).toEqual([hint, true]);
  });

  it('drops PINs, security and 2FA codes, passphrases, bank accounts and tax ids', () => {
    const hints = [
      'pin',
      'pin PIN',
      'securityCode Security code',
      'code Verification code',
      'totp',
      '2fa_code',
      'pwd',
      'passphrase Passphrase',
      'account_number Account number',
      'acct_no',
      'routing Routing number',
      'cc',
      'ssn4',
      'tax_id Tax ID',
    ];
    for (const hint of hints) expect([hint, isSensitiveField(hint)]).toEqual([hint, true]);
  });

  it('keeps postal PIN codes and account names', () => {
    for (const hint of ['pin PIN code', 'pincode Pin code', 'account_name Account name']) {
      expect([hint, isSensitiveField(hint)]).toEqual([hint, false]);
    }
  });

  it('keeps ordinary contact fields', () => {
    for (const hint of [
      'your-name Your name',
      'email Email',
      'phone Phone',
      'message Message',
      'company',
      'Pincode',
      'Footprint',
      'cc Country code',
    ]) {
      expect([hint, isSensitiveField(hint, 'text', 'on')]).toEqual([hint, false]);
    }
  });
});
