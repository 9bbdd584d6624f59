import { describe, expect, it } from 'vitest';
import { regionFromLang } from '../../../src/relay/mapping/region-from-lang';

describe('regionFromLang', () => {
  it('takes the two-letter region of a language tag, upper case', () => {
    expect(regionFromLang('hu-HU')).toBe('HU');
    expect(regionFromLang('pt-BR')).toBe('BR');
    expect(regionFromLang('en_gb')).toBe('GB');
    expect(regionFromLang('zh-Hans-CN')).toBe('CN');
    expect(regionFromLang(' de-AT ')).toBe('AT');
    expect(regionFromLang('sr-Latn-RS-u-nu-latn')).toBe('RS');
  });

  it('gives none for a tag without a country', () => {
    for (const lang of ['de', 'zh-Hans', 'es-419', '', 'x', 'hu-', 'hu-HUN', 'english-US', undefined])
      expect([lang, regionFromLang(lang)]).toEqual([lang, undefined]);
  });
});
