import { words } from './words';

// Secrets, payment data and national ids by what the control is called, in English, German, French, Spanish and
// Portuguese (field detection reads English only, but a secret must stay out whatever its language), and anti-spam
// and anti-forgery tokens, which are worthless in a lead.
const SENSITIVE =
  /passw|passe |passcode|senha|contrase|card|kart|tarjeta|cartao|carte|cvv|cvc| csc |iban| ssn |social sec| cc ?(num|exp|cv|csc)| otp |one time|captcha|turnstile|token|nonce|csrf|secret/;

/**
 * Whether a control must never be captured, even when explicitly mapped: passwords, `autocomplete` `cc-*`,
 * `one-time-code`, `new-password` and `current-password`, and controls whose name or label says card number,
 * CVV/CVC, IBAN, SSN, password or one-time code, or a security token.
 *
 * @example
 * isSensitiveField('cardnumber Card number'); // true
 * isSensitiveField('email Email', 'email', 'email'); // false
 */
export const isSensitiveField = (hints: string, type = 'text', autocomplete = ''): boolean =>
  type == 'password' || /cc-|one-time|-password/.test(autocomplete) || SENSITIVE.test(words(hints));
