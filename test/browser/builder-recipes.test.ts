import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILDER_RECIPES } from '../../src/browser/builder-recipes';

// The markup each builder prints (test/fixtures), each recipe's form selector against it.
const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures');
const firstForm = (file: string): HTMLFormElement => {
  document.body.innerHTML = readFileSync(resolve(FIXTURES, file), 'utf8').replace(
    /^[\s\S]*?<body[^>]*>|<\/body>[\s\S]*$/g,
    '',
  );
  return document.querySelector('form')!;
};

const BUILDERS: [file: string, okSignal: string][] = [
  ['contact-form-7.html', 'wpcf7mailsent'],
  ['wpforms.html', 'wpformsAjaxSubmitSuccess'],
  ['elementor.html', 'submit_success'],
  ['gravity-forms.html', 'gform_confirmation_loaded'],
  ['ninja-forms.html', 'nfFormSubmitResponse'],
  ['hubspot.html', 'onFormSubmitted'],
];

describe('BUILDER_RECIPES', () => {
  it.each(BUILDERS)('recognises the form %s prints, with one recipe only', (file, okSignal) => {
    const form = firstForm(file);
    const matching = BUILDER_RECIPES.filter((recipe) => form.matches(recipe.form));
    expect(matching).toHaveLength(1);
    expect(matching[0]!.ok).toContain(okSignal);
  });

  it.each(['bootstrap.html', 'react.html', 'shopify.html', 'squarespace.html', 'webflow.html'])(
    'leaves a form of %s to the plain rules',
    (file) => {
      const form = firstForm(file);
      expect(BUILDER_RECIPES.filter((recipe) => form.matches(recipe.form))).toEqual([]);
    },
  );

  it('gives every builder a success signal, and no signal to two builders', () => {
    const signals = BUILDER_RECIPES.flatMap((recipe) => [...recipe.ok, ...recipe.fail]);
    for (const recipe of BUILDER_RECIPES) expect(recipe.ok.length).toBeGreaterThan(0);
    expect(new Set(signals).size).toBe(signals.length);
  });

  it('reads a Ninja Forms answer with errors as a failure, and one without as a success', () => {
    const ninja = BUILDER_RECIPES.find((recipe) => recipe.ok.includes('nfFormSubmitResponse'))!;
    expect(ninja.failed!({ response: { errors: { fields: { 5: 'This is a required field.' } } }, id: 3 })).toBeTruthy();
    expect(ninja.failed!({ response: { errors: [], data: {} }, id: 3 })).toBeFalsy();
    expect(ninja.failed!(undefined)).toBeFalsy();
  });
});
