import type { FieldWords } from '../field-words';

/**
 * English, which also names fields in every language's code (`firstName`, `tel-123`) and in autocomplete tokens
 * (`given-name`, `tel-area-code`, `organization`).
 */
export const en: FieldWords = {
  lang: 'en',
  language: 'English',
  ignore: ['honorific', 'nick', 'additional', 'country name', 'voicemail'],
  phoneParts: ['tel area', 'tel local', 'phone area', 'phone local'],
  dialCode: ['dial', 'country code', 'countrycode', 'calling code', 'callingcode', 'phone code', 'phonecode', 'prefi'],
  email: ['email', 'e mail'],
  phone: ['phone', ' telef', ' tel ', 'mobil', ' cell', 'whats', ' contact no ', ' contact num'],
  note: ['mess', 'comment', 'question', 'quiri', 'quiry', 'detail', ' note ', ' notes ', 'how can', ' body '],
  company: ['compan', 'busine', 'organi', ' firm'],
  notPerson: [
    'user',
    'account',
    'domain',
    'file',
    'product',
    'project',
    'event',
    'street',
    'city',
    'brand',
    'site',
    'shop',
  ],
  fullName: ['full name', 'fullname'],
  lastName: ['last', 'family', 'surname', ' lname'],
  firstName: ['first', 'given', ' fname'],
  name: ['name'],
};
