import type { FieldWords } from '../field-words';

/** Spanish. "Nombre" beside "Apellidos" is the given name; alone, the whole name. */
export const es: FieldWords = {
  lang: 'es',
  language: 'Español',
  ignore: ['apodo', 'tratamiento'],
  dialCode: ['codigo de pais', 'codigo del pais', 'prefijo'],
  email: ['correo', 'e mail', 'email'],
  phone: ['telefono', ' movil', 'celular', ' tel '],
  note: ['mensaje', 'comentario', ' consulta ', ' consultas ', 'pregunta', 'observaciones', 'en que podemos'],
  company: ['empresa', 'compania', 'organizacion', 'negocio'],
  notPerson: ['usuario', 'producto', 'ciudad', ' calle '],
  fullName: ['nombre completo', 'nombre y apellido', 'nombres y apellidos'],
  lastName: ['apellido'],
  firstName: ['primer nombre', 'nombre de pila'],
  name: ['nombre'],
};
