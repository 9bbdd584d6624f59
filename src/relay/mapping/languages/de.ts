import type { FieldWords } from '../field-words';

/** German. "Vorwahl" alone is an area code (a phone part); the country's is "Ländervorwahl". */
export const de: FieldWords = {
  lang: 'de',
  language: 'Deutsch',
  ignore: ['spitzname', 'anrede'],
  phoneParts: [' vorwahl'],
  dialCode: ['landervorwahl', 'landesvorwahl', 'landeskennzahl', 'landercode'],
  email: ['e mail', 'email', 'mailadresse'],
  phone: ['telefon', ' handy', 'mobilnummer', 'rufnummer', 'festnetz'],
  note: ['nachricht', 'mitteilung', 'anmerkung', 'bemerkung', 'kommentar', 'anfrage', 'frage', 'anliegen'],
  company: [' firma', ' firmen', 'unternehmen', 'betrieb', 'arbeitgeber'],
  notPerson: ['benutzer', 'produkt', 'strasse', 'straße', 'stadt', 'webseite'],
  fullName: ['vor und nachname', 'vollstandiger name', 'ganzer name'],
  lastName: ['nachname', 'familienname', 'zuname'],
  firstName: ['vorname', 'rufname'],
  name: ['name'],
};
