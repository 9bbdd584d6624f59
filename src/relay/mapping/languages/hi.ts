import type { FieldWords } from '../field-words';

/** Hindi in Devanagari. Vowel signs and the nukta count: "नाम" is a name, "नमस्ते" is not. */
export const hi: FieldWords = {
  lang: 'hi',
  language: 'हिन्दी',
  ignore: ['उपाधि', 'अभिवादन'],
  dialCode: ['देश कोड', 'देश का कोड', 'कंट्री कोड'],
  email: ['ईमेल', 'ई मेल', 'ईमेल पता', 'ई-मेल'],
  phone: ['फ़ोन', 'फोन', 'मोबाइल', 'मोबाईल', 'दूरभाष', 'संपर्क नंबर', 'संपर्क संख्या'],
  note: ['संदेश', 'सन्देश', 'टिप्पणी', 'प्रश्न', 'सवाल', 'पूछताछ'],
  company: ['कंपनी', 'कम्पनी', 'संस्था', 'संगठन', 'व्यवसाय'],
  notPerson: ['उपयोगकर्ता', 'शहर', 'उत्पाद'],
  fullName: ['पूरा नाम', 'पूर्ण नाम'],
  lastName: ['उपनाम', 'अंतिम नाम', 'कुलनाम', 'सरनेम'],
  firstName: ['पहला नाम', 'प्रथम नाम'],
  name: ['नाम'],
};
