import { ATTRIBUTES as A } from './attributes';

/**
 * The companion's attributes without markup: CSS selectors, each with the attributes its elements get, named as
 * after `data-flowmatix-` (`field`, `ignore`, `tags`, `consent`, `honeypot`, `confirm`) and `label` for
 * `data-flowmatix` itself. A value of `true` or `''` stands for an attribute without a value.
 */
export type Configuration = Record<string, Record<string, string | true>>;

/**
 * Sets the attributes of every rule on the form and on its elements that match the rule's selector, as if the page
 * had them: the rest of the companion reads them as written ones. Runs at each submit, so forms rendered later and
 * re-rendered ones are configured too. Later rules win.
 *
 * @example
 * configureElements(form, [{ 'form.wpcf7-form': { label: 'Contact', tags: 'cf7' }, '[name=your-tel]': { field: 'phone' } }]);
 */
export const configureElements = (form: HTMLFormElement, rules: Configuration[]): void => {
  for (const rule of rules)
    for (const selector in rule)
      for (const element of [form, ...form.querySelectorAll(selector)])
        if (element != form || form.matches(selector))
          for (const key in rule[selector])
            element.setAttribute(key == 'label' ? A.form : `${A.form}-${key}`, rule[selector][key] as string);
};
