// language, optional script, then a two-letter region: `hu-HU`, `zh-Hans-CN`, `en_GB`. A numeric region (`es-419`)
// names no country.
const REGION = /^[a-z]{2,3}(?:[-_][a-z]{4})?[-_]([a-z]{2})(?:[-_]|$)/i;

/**
 * The country of a page's `<html lang>`, upper case, for reading phone numbers typed without a calling code when
 * nothing better is known; `undefined` when the tag names none.
 *
 * @example
 * regionFromLang('hu-HU'); // 'HU'
 * regionFromLang('pt-BR'); // 'BR'
 * regionFromLang('de'); // undefined
 */
export const regionFromLang = (lang: string | undefined): string | undefined => {
  const region = typeof lang == 'string' ? REGION.exec(lang.trim())?.[1] : undefined;
  return region?.toUpperCase();
};
