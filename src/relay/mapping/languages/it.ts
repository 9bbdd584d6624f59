import type { FieldWords } from '../field-words';

/** Italian. "Nome" beside "Cognome" is the given name; alone, the whole name. */
export const it: FieldWords = {
  lang: 'it',
  language: 'Italiano',
  ignore: ['soprannome'],
  dialCode: ['prefisso internazionale', 'prefisso'],
  email: ['e mail', 'email', 'posta elettronica'],
  phone: ['telefono', 'cellulare', ' tel '],
  note: ['messaggio', 'commento', 'richiesta', 'domanda', ' note '],
  company: ['azienda', 'societa', 'ragione sociale', 'ditta', 'impresa'],
  notPerson: ['utente', 'prodotto', 'citta', ' via '],
  fullName: ['nome e cognome', 'nome completo', 'nominativo'],
  lastName: ['cognome'],
  firstName: [],
  name: [' nome'],
};
