import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELD_LANGUAGES } from '../../../src/relay/mapping/field-languages';
import { mapSnapshot } from '../../../src/relay/mapping/map-snapshot';
import { FIXTURES, snapshotFromHtml } from './snapshot-from-html';

// One contact form per language (test/fixtures/languages/<lang>.html), labelled in that language, every control a
// text input with a name that says nothing: first name, last name, email, phone, message, company; and a second
// form that asks for the whole name in one box.
interface Case {
  lang: string;
  /** What a visitor types: first name, last name, email, phone, message, company. */
  typed: [string, string, string, string, string, string];
  /** The lead's name. */
  name: string;
  /** What the first-name and last-name boxes map to (a plain "name" beside a last name is the other half). */
  halves?: [string, string];
}

const CASES: Case[] = [
  {
    lang: 'en',
    typed: ['Ada', 'Lovelace', 'ada@example.com', '+44 20 7946 0958', 'A quote, please', 'Analytical Engines'],
    name: 'Ada Lovelace',
  },
  {
    lang: 'de',
    typed: ['Lise', 'Meitner', 'lise@example.de', '030 1234567', 'Bitte um Rückruf', 'Kaiser-Wilhelm-Institut'],
    name: 'Lise Meitner',
  },
  {
    lang: 'fr',
    typed: ['Marie', 'Curie', 'marie@example.fr', '06 12 34 56 78', 'Un devis, svp', 'Institut du Radium'],
    name: 'Marie Curie',
    halves: ['first-name', 'name'],
  },
  {
    lang: 'es',
    typed: ['Frida', 'Kahlo Calderón', 'frida@example.mx', '+52 55 1234 5678', '¿Hacen envíos?', 'Casa Azul'],
    name: 'Frida Kahlo Calderón',
    halves: ['name', 'last-name'],
  },
  {
    lang: 'pt',
    typed: ['Clarice', 'Lispector', 'clarice@example.com.br', '(11) 91234-5678', 'Quero um orçamento', 'Editora Rocco'],
    name: 'Clarice Lispector',
    halves: ['name', 'last-name'],
  },
  {
    lang: 'it',
    typed: ['Rita', 'Levi-Montalcini', 'rita@example.it', '+39 06 1234 5678', 'Vorrei informazioni', 'CNR'],
    name: 'Rita Levi-Montalcini',
    halves: ['name', 'last-name'],
  },
  {
    lang: 'nl',
    typed: ['Aletta', 'Jacobs', 'aletta@example.nl', '06 12345678', 'Graag een offerte', 'Jacobs Zorg BV'],
    name: 'Aletta Jacobs',
  },
  {
    lang: 'pl',
    typed: ['Maria', 'Skłodowska', 'maria@example.pl', '+48 512 345 678', 'Proszę o kontakt', 'Politechnika'],
    name: 'Maria Skłodowska',
  },
  {
    lang: 'tr',
    typed: [
      'Aziz',
      'Sancar',
      'aziz@example.com.tr',
      '0532 123 45 67',
      'Fiyat teklifi rica ederim',
      'Sancar Kimya A.Ş.',
    ],
    name: 'Aziz Sancar',
  },
  {
    lang: 'ru',
    typed: ['Софья', 'Ковалевская', 'sofya@example.ru', '+7 912 345-67-89', 'Перезвоните мне', 'ООО Математика'],
    name: 'Софья Ковалевская',
    halves: ['name', 'last-name'],
  },
  {
    lang: 'ar',
    typed: ['نجيب', 'محفوظ', 'naguib@example.eg', '+20 10 1234 5678', 'أريد عرض سعر', 'دار الشروق'],
    name: 'نجيب محفوظ',
  },
  {
    lang: 'hi',
    typed: ['अमृता', 'शेरगिल', 'amrita@example.in', '98765 43210', 'कृपया संपर्क करें', 'कला भवन'],
    name: 'अमृता शेरगिल',
  },
  {
    lang: 'hi-Latn',
    typed: ['Amrita', 'Shergil', 'amrita@example.in', '98765 43210', 'Kripya sampark karein', 'Kala Bhavan'],
    name: 'Amrita Shergil',
  },
  // Family name first, as the form asks and as the page's language says.
  {
    lang: 'ja',
    typed: ['花子', '山田', 'hanako@example.jp', '090-1234-5678', '見積もりをお願いします', '山田商事株式会社'],
    name: '山田 花子',
  },
  {
    lang: 'zh',
    typed: ['小明', '王', 'xiaoming@example.cn', '138 0013 8000', '请联系我', '北京科技有限公司'],
    name: '王 小明',
  },
];

const fixture = (lang: string) => readFileSync(resolve(FIXTURES, 'languages', `${lang.toLowerCase()}.html`), 'utf8');

describe('fixture forms in each language', () => {
  it('cover every language field detection reads', () => {
    expect(CASES.map((c) => c.lang)).toEqual(FIELD_LANGUAGES.map((words) => words.lang));
  });

  it.each(CASES)(
    '$lang: name, email, phone and message come out right, and the company stays an attribute',
    ({ lang, typed, name, halves }) => {
      const html = fixture(lang);
      const type = Object.fromEntries(typed.map((value, index) => [`#f${index + 1}`, value]));
      const snapshot = snapshotFromHtml(html, { type, form: '#contact' });
      expect(snapshot.lang).toBe(lang);
      const labels = snapshot.controls.map((control) => control.label!);
      const label = (index: number) => labels[snapshot.controls.findIndex((control) => control.id == `f${index + 1}`)]!;
      const { lead, fields } = mapSnapshot(snapshot);
      expect(lead).toMatchObject({
        name,
        email: typed[2],
        phone: typed[3],
        notes: [{ title: snapshot.form }, { title: label(4), description: typed[4] }],
        attributes: [{ key: label(5), value: typed[5] }],
      });
      expect(lead.notes).toHaveLength(2);
      expect(lead.attributes).toHaveLength(1);
      const maps = Object.fromEntries(fields.map((field) => [field.label, field.maps]));
      const [first, last] = halves ?? ['first-name', 'last-name'];
      expect([0, 1, 2, 3, 4, 5].map((index) => maps[label(index)])).toEqual([
        first,
        last,
        'email',
        'phone',
        'note',
        'attribute',
      ]);
    },
  );

  it.each(CASES)('$lang: a box for the whole name is the name', ({ lang, typed, name }) => {
    const snapshot = snapshotFromHtml(fixture(lang), {
      type: { '#g1': name, '#g2': typed[2], '#g3': typed[3] },
      form: '#callback',
    });
    const { lead, fields } = mapSnapshot(snapshot);
    expect(fields.map((field) => field.maps)).toEqual(['name', 'email', 'phone']);
    expect(lead).toMatchObject({ name, email: typed[2], phone: typed[3] });
  });
});
