import type { FieldWords } from '../field-words';

/** Polish. "Imię" is the given name; "Imię i nazwisko" the whole name. */
export const pl: FieldWords = {
  lang: 'pl',
  language: 'Polski',
  ignore: ['pseudonim', 'przydomek'],
  dialCode: ['numer kierunkowy kraju', 'kod kraju', 'kierunkowy kraju'],
  email: ['e mail', 'email', 'poczta elektroniczna', 'adres mailowy'],
  phone: ['telefon', 'komorka', 'komorkowy', ' tel '],
  note: ['wiadomosc', 'tresc', 'komentarz', 'pytanie', 'uwagi', 'zapytanie'],
  company: [' firma', ' firmy', 'przedsiebiorstw', 'organizacj', 'instytucj'],
  notPerson: ['uzytkownik', 'produkt', 'miasto', 'ulica', 'nazwa'],
  fullName: ['imie i nazwisko', 'imie nazwisko', 'imie oraz nazwisko'],
  lastName: ['nazwisk'],
  firstName: [' imie', ' imion'],
  name: [],
};
