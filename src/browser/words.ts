/**
 * Text as the field rules read it: lower case, accents removed, camelCase and every run of non-letters turned into
 * one space, with a space at each end (`billing_firstName[0]` → ` billing first name 0 `), so rules match whole
 * words in any naming style.
 *
 * @example
 * words('Téléphone*'); // ' telephone '
 */
export const words = (text: string): string =>
  ` ${text} `
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z\d]+/g, ' ');
