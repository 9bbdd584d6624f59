import { words } from './words';

// Secrets, payment data, bank accounts and national or tax ids by what the control is called, in English, German, French, Spanish and
// Portuguese (field detection reads English only, but a secret must stay out whatever its language), and anti-spam
// and anti-forgery tokens, which are worthless in a lead. A PIN is secret, a PIN code (Indian postal code) is not; a bare "cc" is a card
// unless it is a country code.
const SENSITIVE =
  /pass(w|phr|code)|passe | pwd |^(?!.*(pin ?code|country)).* (pin|cc) |senha|contrase|card|kart|tarjeta|cartao|carte|cvv|cvc| csc |iban| ssn|social sec|tax ?(id|n)|acc(oun)?t n(o |um)|routing| cc ?(num|exp|cv|csc)| otp |totp| [2m]fa |one time|(security|verification) code|captcha|turnstile|token|nonce|csrf|secret/;

/**
 * Whether a control must never be captured, even when explicitly mapped: passwords, `autocomplete` `cc-*`,
 * `one-time-code`, `new-password` and `current-password`, and controls whose name or label says card number,
 * CVV/CVC, security code, IBAN, account or routing number, SSN, tax id, password, passphrase, PIN, one-time,
 * verification or 2FA code, or a security token.
 *
 * @example
 * isSensitiveField('cardnumber Card number'); // true
 * isSensitiveField('email Email', 'email', 'email'); // false
 */
export const isSensitiveField = (hints: string, type = 'text', autocomplete = ''): boolean =>
  type == 'password' || /cc-|one-time|-password/.test(autocomplete) || SENSITIVE.test(words(hints));
