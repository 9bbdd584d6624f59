import fc from 'fast-check';

// Characters that normalizers treat specially: whitespace of every kind, controls, format marks, combining
// marks, case pairs whose lowercase is longer, digits from other scripts, and phone punctuation.
const tricky = fc.constantFrom(
  ' ',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\v',
  '\f',
  '\u00a0',
  '\u2000',
  '\u2028',
  '\u202f',
  '\u3000',
  '\ufeff',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u009f',
  '\u200b',
  '\u200e',
  '\u202e',
  'e',
  'E',
  '\u0301',
  '\u0308',
  'İ',
  'Σ',
  'ß',
  'Å',
  '\u212b',
  'ﬁ',
  '@',
  '.',
  '+',
  '0',
  '00',
  '(0)',
  '(',
  ')',
  '-',
  '\u2013',
  '/',
  '1',
  '4',
  '9',
  '٣',
  '۷',
  '５',
  '＋',
);

const anyCodePoint = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit));

/** Arbitrary text: any code point, lone surrogates (which JSON can carry), and the characters above, mixed. */
export const anyText = (constraints: { maxLength?: number } = {}) =>
  fc.string({ unit: fc.oneof(anyCodePoint, loneSurrogate, tricky), ...constraints });

/** Text made mostly of what people type into phone fields. */
export const phoneLike = fc.string({
  unit: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9') },
    { weight: 2, arbitrary: fc.constantFrom(' ', '-', '.', '(', ')', '+', '00', '(0)', '\u00a0', '\u200e') },
    { weight: 1, arbitrary: anyText({ maxLength: 1 }) },
  ),
  maxLength: 30,
});

/** A dial code as forms offer it, valid or not. */
export const dialCodeLike = fc.oneof(
  fc.constantFrom('+91', '91', '0091', '+1', '+44', '+7', '+39', '+225', '+1-684', 'India (+91)', '+999', ''),
  anyText({ maxLength: 8 }),
);
