import type { FieldWords } from '../field-words';

/**
 * Portuguese (Portugal and Brazil). "Apelido" is the family name in Portugal (a nickname in Brazil, rare on
 * contact forms).
 */
export const pt: FieldWords = {
  lang: 'pt',
  language: 'Português',
  ignore: ['alcunha'],
  dialCode: ['codigo do pais', 'codigo de pais', ' ddi '],
  email: ['e mail', 'email', 'correio eletronico', 'correio electronico'],
  phone: ['telefone', 'celular', 'telemovel', ' tel ', 'whatsapp'],
  note: ['mensagem', 'comentario', 'observac', 'duvida', 'pergunta', 'assunto da mensagem'],
  company: ['empresa', 'companhia', 'organizac', 'negocio'],
  notPerson: ['usuario', 'utilizador', 'produto', 'cidade', ' rua '],
  fullName: ['nome completo'],
  lastName: ['sobrenome', 'apelido', 'ultimo nome'],
  firstName: ['primeiro nome', 'prenome'],
  name: [' nome'],
};
