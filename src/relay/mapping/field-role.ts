/** What a control's value is for in a lead. A control with no role becomes an attribute keyed by its label. */
export type FieldRole = 'name' | 'first-name' | 'last-name' | 'email' | 'phone' | 'dial-code' | 'note' | 'tags';

const ROLES: ReadonlySet<string> = new Set<FieldRole>([
  'name',
  'first-name',
  'last-name',
  'email',
  'phone',
  'dial-code',
  'note',
  'tags',
]);

/**
 * Whether `data-flowmatix-field` names a role (anything else that is not `attribute:Key` says nothing).
 *
 * @example
 * isFieldRole('first-name'); // true
 * isFieldRole('company'); // false
 */
export const isFieldRole = (value: string): value is FieldRole => ROLES.has(value);
