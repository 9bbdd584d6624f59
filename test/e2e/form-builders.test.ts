import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { companionEvents, heldLeads, openFormPage, settle, waitForHeldLead } from './pages/form-pages';
import { launchChromium } from './support/launch-chromium';
import { startDemo, type DemoServer } from './support/start-demo';

// Each builder's protocol, reproduced in a fixture from its public documentation (test/e2e/pages/builders: the
// markup as the builder prints it, untouched, and its events fired as the builder fires them, jQuery-triggered ones
// included). Opted in from the script tag only, by selector and by `auto`: the builder's success makes one lead,
// its validation failure or spam verdict none.

let demo: DemoServer;
let browser: Browser;

beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo(), launchChromium()]);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

interface Values {
  first: string;
  last: string;
  email: string;
  phone: string;
  message: string;
  subject: string;
}

interface Builder {
  page: string;
  /** What a site owner writes in data-forms for it. */
  selector: string;
  /** Selectors of its fields; `name` for a single name field, `first` and `last` otherwise. */
  fields: Partial<Record<keyof Values | 'name', string>>;
  submit: string;
  /** Shown once the builder reports success. */
  done: string;
  /** Submissions the builder refuses: values that make it refuse, and what it shows then. */
  refusals: { why: string; values: Partial<Values>; shows: string }[];
  /** Console errors the builder's own failure provokes. */
  expectedErrors?: RegExp;
}

const BUILDERS: Record<string, Builder> = {
  'Contact Form 7': {
    page: 'contact-form-7',
    selector: 'form.wpcf7-form',
    fields: {
      name: '[name=your-name]',
      email: '[name=your-email]',
      phone: '[name=tel-123]',
      subject: '[name=your-subject]',
      message: '[name=your-message]',
    },
    submit: 'input[type=submit]',
    done: 'form[data-status=sent]',
    refusals: [
      { why: 'invalid', values: { subject: '' }, shows: 'form[data-status=invalid]' },
      { why: 'spam', values: { message: 'Cheap viagra here' }, shows: 'form[data-status=spam]' },
    ],
  },
  WPForms: {
    page: 'wpforms',
    selector: '.wpforms-form',
    fields: {
      first: '[name="wpforms[fields][0][first]"]',
      last: '[name="wpforms[fields][0][last]"]',
      email: '[name="wpforms[fields][1]"]',
      phone: '[name="wpforms[fields][3]"]',
      message: '[name="wpforms[fields][2]"]',
    },
    submit: 'button[type=submit]',
    done: '.wpforms-confirmation-container-full',
    refusals: [
      { why: 'invalid (jquery-validation)', values: { last: '' }, shows: 'input.wpforms-error' },
      { why: 'spam', values: { message: 'Cheap viagra here' }, shows: '.wpforms-error-container' },
    ],
  },
  'Elementor Pro': {
    page: 'elementor',
    selector: '.elementor-form',
    fields: {
      name: '#form-field-name',
      email: '#form-field-email',
      phone: '#form-field-field_a1b2c3d',
      message: '#form-field-message',
    },
    submit: 'button[type=submit]',
    done: '.elementor-message-success',
    refusals: [{ why: 'refused by the server', values: { message: 'Cheap viagra here' }, shows: '.elementor-error' }],
    // The phone pattern Elementor prints is no valid regular expression under the `v` flag Chromium compiles it with.
    expectedErrors: /^Pattern attribute value/,
  },
  'Gravity Forms': {
    page: 'gravity-forms',
    selector: '.gform_wrapper form',
    fields: {
      first: '#input_1_1_3',
      last: '#input_1_1_6',
      email: '#input_1_2',
      phone: '#input_1_3',
      message: '#input_1_5',
    },
    submit: '#gform_submit_button_1',
    done: '#gform_confirmation_message_1',
    refusals: [{ why: 'sent back with errors', values: { email: '' }, shows: '.gform_validation_errors' }],
  },
  'Ninja Forms': {
    page: 'ninja-forms',
    selector: '.nf-form-cont form',
    fields: {
      first: '#nf-field-5',
      last: '#nf-field-6',
      email: '#nf-field-7',
      phone: '#nf-field-8',
      message: '#nf-field-9',
    },
    submit: '#nf-field-10',
    done: '.nf-response-msg:not(:empty)',
    refusals: [
      { why: 'invalid', values: { message: '' }, shows: '#nf-error-9:not(:empty)' },
      { why: 'spam', values: { message: 'Cheap viagra here' }, shows: '#nf-form-errors-2:not(:empty)' },
    ],
  },
  HubSpot: {
    page: 'hubspot',
    selector: '.hs-form',
    fields: {
      first: '[name=firstname]',
      last: '[name=lastname]',
      email: '[name=email]',
      phone: '[name=phone]',
      message: '[name=message]',
    },
    submit: 'input[type=submit]',
    done: '.submitted-message',
    refusals: [{ why: 'invalid', values: { last: '' }, shows: '.hs-error-msgs' }],
  },
  Webflow: {
    page: 'webflow',
    selector: '.w-form form',
    fields: { name: '[name=name]', email: '[name=email]', phone: '[name=Phone]', message: '[name=Message]' },
    submit: 'input[type=submit]',
    done: '.w-form-done',
    refusals: [{ why: 'failed', values: { message: 'Cheap viagra here' }, shows: '.w-form-fail' }],
    expectedErrors: /404/,
  },
};

const fill = async (page: Page, { fields }: Builder, values: Values) => {
  for (const [key, selector] of Object.entries(fields)) {
    const value = key == 'name' ? `${values.first} ${values.last}`.trim() : values[key as keyof Values];
    await page.locator(selector).fill(value);
  }
};

describe('form builders in Chromium', () => {
  for (const [name, builder] of Object.entries(BUILDERS)) {
    for (const forms of [builder.selector, 'auto']) {
      test(`${name}, data-forms="${forms}": refused submissions send nothing, its success one lead`, async () => {
        const email = `${builder.page}+${forms == 'auto' ? 'auto' : 'selector'}@example.com`;
        const values: Values = {
          first: 'Ada',
          last: 'Lovelace',
          email,
          phone: '+44 20 7946 0958',
          message: 'Lunch for 40 on Friday?',
          subject: 'Catering',
        };
        const { page, context, errors } = await openFormPage(
          browser,
          demo,
          `/test/e2e/pages/builders/${builder.page}.html?forms=${encodeURIComponent(forms)}`,
        );
        try {
          for (const refusal of builder.refusals) {
            await fill(page, builder, { ...values, ...refusal.values });
            await page.locator(builder.submit).click();
            await page.locator(refusal.shows).first().waitFor({ state: 'attached', timeout: 15_000 });
            await settle();
            expect(await heldLeads(demo, email), refusal.why).toEqual([]);
          }
          await fill(page, builder, values);
          await page.locator(builder.submit).click();
          await page.locator(builder.done).waitFor({ state: 'attached', timeout: 15_000 });
          const held = await waitForHeldLead(demo, email);
          expect(held.lead).toMatchObject({ name: 'Ada Lovelace', email, dialCode: '+44', phone: '2079460958' });
          expect(JSON.stringify(held.lead.notes)).toContain('Lunch for 40 on Friday?');
          await settle();
          expect(await heldLeads(demo, email)).toHaveLength(1);
          expect((await companionEvents(page)).filter((event) => event.type == 'flowmatix:sent')).toHaveLength(1);
          expect(errors.filter((error) => !builder.expectedErrors?.test(error))).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }

  test("data-flowmatix-confirm, set from the script tag's data-configure, wins over the builder's own success", async () => {
    const email = 'contact-form-7+confirm@example.com';
    const configure = JSON.stringify({ 'form.wpcf7-form': { label: 'Contact', confirm: 'contact:sent' } });
    const { page, context } = await openFormPage(
      browser,
      demo,
      `/test/e2e/pages/builders/contact-form-7.html?configure=${encodeURIComponent(configure)}`,
    );
    try {
      await fill(page, BUILDERS['Contact Form 7']!, {
        first: 'Ada',
        last: 'Lovelace',
        email,
        phone: '',
        message: 'Hello',
        subject: 'Catering',
      });
      await page.locator('input[type=submit]').click();
      await page.locator('form[data-status=sent]').waitFor({ state: 'attached' });
      await settle();
      expect(await heldLeads(demo, email)).toEqual([]);
      await page.evaluate(() => document.querySelector('form')!.dispatchEvent(new Event('contact:sent')));
      const held = await waitForHeldLead(demo, email);
      expect(JSON.stringify(held.lead.notes)).toContain('Contact');
    } finally {
      await context.close();
    }
  });

  test('data-forms="auto" never binds a login, a signup with a password, a checkout with a card field or a site search', async () => {
    const { page, context, errors } = await openFormPage(
      browser,
      demo,
      '/test/e2e/pages/builders/not-leads.html?forms=auto',
    );
    try {
      const emails = {
        login: 'login+auto@example.com',
        signup: 'signup+auto@example.com',
        checkout: 'checkout+auto@example.com',
        search: 'search+auto@example.com',
      };
      await page.locator('#login [name=log]').fill(emails.login);
      await page.locator('#login [name=pwd]').fill('correct horse battery staple');
      await page.locator('#signup [name=email]').fill(emails.signup);
      await page.locator('#signup [name=phone]').fill('+44 20 7946 0958');
      await page.locator('#signup [name=password]').fill('correct horse battery staple');
      await page.locator('#checkout [name=email]').fill(emails.checkout);
      await page.locator('#checkout [name=cardnumber]').fill('4242 4242 4242 4242');
      await page.locator('#checkout [name=exp]').fill('12/30');
      await page.locator('#search [name=q]').fill('sourdough');
      await page.locator('#search [name=alert]').fill(emails.search);
      for (const id of Object.keys(emails)) await page.locator(`#${id} button`).click();
      await expect
        .poll(() => page.locator('#done').textContent())
        .toMatch(/^(?=.*login)(?=.*signup)(?=.*checkout)(?=.*search)/);
      // The contact form on the same page is bound: auto is on, and its lead arrives.
      await page.locator('#contact [name=name]').fill('Ada Lovelace');
      await page.locator('#contact [name=email]').fill('contact+auto@example.com');
      await page.locator('#contact button').click();
      await waitForHeldLead(demo, 'contact+auto@example.com');
      await settle();
      for (const email of Object.values(emails)) expect(await heldLeads(demo, email), email).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('HubSpot forms in a frame', () => {
  const submitInFrame = async (page: Page, email: string) => {
    const frame = page.frameLocator('iframe.hs-form-iframe');
    await frame.locator('[name=firstname]').fill('Ada');
    await frame.locator('[name=lastname]').fill('Lovelace');
    await frame.locator('[name=email]').fill(email);
    await frame.locator('[name=phone]').fill('+44 20 7946 0958');
    await frame.locator('[name=message]').fill('Lunch for 40 on Friday?');
    await frame.locator('input[type=submit]').click();
    await frame.locator('.submitted-message').waitFor({ state: 'attached' });
  };

  test.each(['auto', '.hbspt-form'])(
    'takes the values HubSpot posts from a frame of the page, data-forms="%s"',
    async (forms) => {
      const email = `hubspot-frame+${forms == 'auto' ? 'auto' : 'selector'}@example.com`;
      const { page, context, errors } = await openFormPage(
        browser,
        demo,
        `/test/e2e/pages/builders/hubspot-frame.html?forms=${encodeURIComponent(forms)}`,
      );
      try {
        await submitInFrame(page, email);
        const held = await waitForHeldLead(demo, email);
        expect(held.lead).toMatchObject({ name: 'Ada Lovelace', email, dialCode: '+44', phone: '2079460958' });
        await settle();
        expect(await heldLeads(demo, email)).toHaveLength(1);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  test("takes them from HubSpot's form origin, and from no other origin", async () => {
    for (const [origin, expected] of [
      ['https://forms.example', 0],
      ['https://forms.hsforms.com', 1],
    ] as const) {
      const email = `hubspot-origin+${expected}@example.com`;
      const path = `/test/e2e/pages/builders/hubspot-frame.html?forms=auto&frame=${encodeURIComponent(origin)}`;
      // The demo's CSP frames its own origin only, as a strict site would; a site that embeds HubSpot allows it.
      const { page, context } = await openFormPage(browser, demo, path, { bypassCSP: true, origins: [origin] });
      try {
        await submitInFrame(page, email);
        if (expected) await waitForHeldLead(demo, email);
        await settle();
        expect(await heldLeads(demo, email), origin).toHaveLength(expected);
      } finally {
        await context.close();
      }
    }
  });
});

describe('Mailchimp embedded signup forms', () => {
  const LIST = 'https://bakery.us21.list-manage.com';

  // Mailchimp's list server as its embedded form meets it: JSONP, an address already on the list refused.
  const answerAsMailchimp = async (context: BrowserContext, requests: string[]) =>
    context.route(`${LIST}/**`, async (route) => {
      const url = new URL(route.request().url());
      requests.push(url.pathname);
      const email = url.searchParams.get('EMAIL') ?? '';
      const answer = email.startsWith('taken')
        ? { result: 'error', msg: `0 - ${email} is already subscribed to list Bakery News.` }
        : { result: 'success', msg: 'Thank you for subscribing!' };
      await route.fulfill({
        contentType: 'text/javascript',
        body: `${url.searchParams.get('c')}(${JSON.stringify(answer)})`,
      });
    });

  test.each(['#mc-embedded-subscribe-form', 'auto'])(
    'data-forms="%s": an address the list refuses sends nothing, a subscription one lead',
    async (forms) => {
      const email = `mailchimp+${forms == 'auto' ? 'auto' : 'selector'}@example.com`;
      // The JSONP answer is a script from Mailchimp's host: a site that embeds the form allows it in its CSP.
      const { page, context, errors } = await openFormPage(
        browser,
        demo,
        `/test/e2e/pages/builders/mailchimp.html?forms=${encodeURIComponent(forms)}`,
        { bypassCSP: true },
      );
      const requests: string[] = [];
      await answerAsMailchimp(context, requests);
      try {
        const fill = async (address: string) => {
          await page.locator('#mce-EMAIL').fill(address);
          await page.locator('#mce-FNAME').fill('Ada');
          await page.locator('#mce-LNAME').fill('Lovelace');
          await page.locator('#mce-PHONE').fill('+44 20 7946 0958');
          await page.locator('#mc-embedded-subscribe').click();
        };
        const leadsBefore = (await demo.heldLeads.list()).length;
        await page.locator('#mce-EMAIL').fill('not an address');
        await page.locator('#mc-embedded-subscribe').click();
        await page.locator('div.mce_inline_error').first().waitFor({ state: 'visible', timeout: 15_000 });
        await settle();
        expect((await demo.heldLeads.list()).length).toBe(leadsBefore);
        await fill(`taken+${email}`);
        await page
          .locator('#mce-error-response')
          .filter({ hasText: 'already subscribed' })
          .waitFor({ timeout: 15_000 });
        await settle();
        expect(await heldLeads(demo, `taken+${email}`)).toEqual([]);

        await fill(email);
        await page.locator('#mce-success-response').filter({ hasText: 'Thank you' }).waitFor({ timeout: 15_000 });
        const held = await waitForHeldLead(demo, email);
        expect(held.lead).toMatchObject({ name: 'Ada Lovelace', email, dialCode: '+44', phone: '2079460958' });
        await settle();
        expect(await heldLeads(demo, email)).toHaveLength(1);
        expect(await heldLeads(demo, `taken+${email}`)).toEqual([]);
        expect(requests).toEqual(['/subscribe/post-json', '/subscribe/post-json']);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});

describe('Formspree forms (@formspree/ajax)', () => {
  // Formspree's submission endpoint as @formspree/core meets it: CORS, JSON; an address it refuses gets field errors.
  const answerAsFormspree = async (context: BrowserContext, emails: string[]) =>
    context.route('https://formspree.io/**', async (route) => {
      const cors = {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': '*',
        'access-control-allow-methods': 'POST',
      };
      const request = route.request();
      if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
      const email = /name="email"\r\n\r\n([^\r]*)/.exec(request.postData() ?? '')?.[1] ?? '';
      emails.push(email);
      const refused = email.startsWith('bounced');
      await route.fulfill({
        status: refused ? 422 : 200,
        headers: cors,
        contentType: 'application/json',
        body: JSON.stringify(
          refused
            ? {
                error: 'Validation errors',
                errors: [{ code: 'TYPE_EMAIL', field: 'email', message: 'should be an email' }],
              }
            : { next: 'https://formspree.io/thanks', ok: true },
        ),
      });
    });

  test.each(['#contact-form', 'auto'])(
    'data-forms="%s": a submission Formspree refuses sends nothing, its success one lead',
    async (forms) => {
      const email = `formspree+${forms == 'auto' ? 'auto' : 'selector'}@example.com`;
      // The page posts to Formspree's origin: a site that uses it allows it in its CSP.
      const { page, context, errors } = await openFormPage(
        browser,
        demo,
        `/test/e2e/pages/builders/formspree.html?forms=${encodeURIComponent(forms)}`,
        { bypassCSP: true },
      );
      const emails: string[] = [];
      await answerAsFormspree(context, emails);
      try {
        const fill = async (address: string) => {
          await page.locator('#name').fill('Ada Lovelace');
          await page.locator('#email').fill(address);
          await page.locator('#phone').fill('+44 20 7946 0958');
          await page.locator('#message').fill('Lunch for 40 on Friday?');
          await page.locator('button[type=submit]').click();
        };
        await fill(`bounced+${email}`);
        await page.locator('[data-fs-error=email][data-fs-active]').waitFor({ state: 'attached', timeout: 15_000 });
        await settle();
        expect(await heldLeads(demo, `bounced+${email}`)).toEqual([]);

        await fill(email);
        await page.locator('[data-fs-success][data-fs-active]').waitFor({ state: 'attached', timeout: 15_000 });
        const held = await waitForHeldLead(demo, email);
        expect(held.lead).toMatchObject({ name: 'Ada Lovelace', email, dialCode: '+44', phone: '2079460958' });
        expect(JSON.stringify(held.lead.notes)).toContain('Lunch for 40 on Friday?');
        await settle();
        expect(await heldLeads(demo, email)).toHaveLength(1);
        expect(await heldLeads(demo, `bounced+${email}`)).toEqual([]);
        expect(emails).toEqual([`bounced+${email}`, email]);
        // Chromium logs the refusal's 422 as a failed resource load.
        expect(errors.filter((error) => !/status of 422/.test(error))).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
