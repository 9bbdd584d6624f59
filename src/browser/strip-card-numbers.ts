// 13 to 19 digits, single spaces or dashes between them, starting as card numbers do (2-6: Mastercard, Amex, Diners,
// JCB, Visa, Discover, UnionPay, Maestro). A run right after "+" is a phone with its calling code, never a card.
const RUN = /(^|[^+\d])([2-6](?:[ -]?\d){12,18})(?!\d)/g;

/**
 * Cuts card numbers (digit runs that pass the Luhn check) out of a value, whatever the field is called: a card
 * number typed into a free-text field or a message must not reach a lead. The rest of the text is kept, so a
 * message that mentions a card still arrives; a value that was only a card number becomes empty, and is dropped.
 *
 * @example
 * stripCardNumbers('Pay with 4111 1111 1111 1111 please'); // 'Pay with  please'
 * stripCardNumbers('+44 7700 900123'); // unchanged
 */
export const stripCardNumbers = (text: string): string =>
  text.replace(RUN, (run, before: string, digits: string) => {
    // Luhn from the left: `sum` as if the digit just read is the last one, `next` as if another follows it.
    let sum = 0;
    let next = 0;
    for (const d of digits.replace(/\D/g, '')) [sum, next] = [next + +d, sum + ((2 * +d - 1) % 9) + 1];
    return sum % 10 ? run : before;
  });
