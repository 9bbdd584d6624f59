import type { FieldWords } from '../field-words';

/** Dutch. */
export const nl: FieldWords = {
  lang: 'nl',
  language: 'Nederlands',
  ignore: ['bijnaam', 'aanhef'],
  dialCode: ['landcode', 'landnummer', 'landennummer'],
  email: ['e mail', 'email', 'mailadres'],
  phone: ['telefoon', 'mobiel', ' gsm', ' tel '],
  note: ['bericht', 'opmerking', 'vraag', 'toelichting', 'omschrijving'],
  company: ['bedrijf', 'organisatie', 'onderneming'],
  notPerson: ['gebruiker', 'product', 'straat', 'plaats'],
  fullName: ['volledige naam', 'voor en achternaam'],
  lastName: ['achternaam', 'familienaam'],
  firstName: ['voornaam', 'roepnaam'],
  name: ['naam'],
};
