import type { FieldWords } from '../field-words';

/** French. "Nom" beside "Prénom" is the family name; alone, the whole name. */
export const fr: FieldWords = {
  lang: 'fr',
  language: 'Français',
  ignore: ['surnom', 'pseudo', 'civilite'],
  dialCode: ['indicatif'],
  email: ['courriel', ' mail ', 'adresse electronique', 'e mail'],
  phone: ['telephone', ' portable', ' tel ', ' numero de mobile'],
  note: ['message', 'commentaire', 'demande', 'remarque', 'precisions', 'votre projet'],
  company: ['societe', 'entreprise', 'raison sociale', 'etablissement'],
  notPerson: ['utilisateur', 'produit', ' rue ', ' ville '],
  fullName: ['nom complet', 'nom et prenom', 'prenom et nom', 'nom prenom', 'prenom nom'],
  lastName: ['nom de famille', 'nom de naissance'],
  firstName: ['prenom'],
  name: [' nom '],
};
