import type { FieldWords } from '../field-words';

/** Hindi in Latin letters, as Indian sites name fields beside English ("Aapka naam", "Mobile number"). */
export const hiLatn: FieldWords = {
  lang: 'hi-Latn',
  language: 'Hindi (romanised)',
  dialCode: ['desh code', 'desh ka code'],
  email: ['email pata', 'email id'],
  phone: ['phone number', 'mobile number', 'sampark number', 'sampark sankhya'],
  note: ['sandesh', 'sandes', 'tippani', 'prashn', 'sawal', 'sawaal', 'puchhtachh'],
  company: ['kampani', 'kampny', 'sanstha', 'sangathan', 'vyavsay'],
  fullName: ['pura naam', 'poora naam', 'purn naam', 'poorn naam'],
  lastName: ['upnaam', 'up naam', 'antim naam', 'kulnaam'],
  firstName: ['pehla naam', 'pahla naam', 'pratham naam'],
  name: ['naam'],
};
