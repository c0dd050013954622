import { IngestionError } from '../extracted-document';
import { parseFaq } from '../formats/faq-parser';

const pairs = (text: string) => parseFaq(text).sections.map((s) => [s.heading[0], s.text, s.kind]);

describe('parseFaq', () => {
  it('reads Q:/A: markers, with answers over several lines', () => {
    const text = `Frequently asked questions

Q: Do you ship abroad?
A: Yes, to 40 countries.
Customs fees are paid by the buyer.

Q: Can I return an item?
A: Within 30 days of delivery.`;
    expect(pairs(text)).toEqual([
      ['Do you ship abroad?', 'Yes, to 40 countries.\nCustoms fees are paid by the buyer.', 'faq'],
      ['Can I return an item?', 'Within 30 days of delivery.', 'faq'],
    ]);
  });

  it('reads Question:/Answer: markers, numbered or bold, and keeps answer lines that end in "?"', () => {
    const text = `Question 1: How do I reset my password?
Answer: Click "Forgot password" on the login page.
Did not get the email? Check your spam folder.
**Question:** Is there a mobile app?
**Answer:** Yes, for iOS and Android.`;
    expect(pairs(text)).toEqual([
      ['How do I reset my password?', 'Click "Forgot password" on the login page.\nDid not get the email? Check your spam folder.', 'faq'],
      ['Is there a mobile app?', 'Yes, for iOS and Android.', 'faq'],
    ]);
  });

  it('reads Markdown headings as questions and the text under them as answers', () => {
    const text = `# FAQ

## How much does it cost?

Plans start at $10 per month.

## Which payment methods do you accept?
Visa, Mastercard and bank transfer.

Invoices are available for annual plans.
`;
    expect(pairs(text)).toEqual([
      ['How much does it cost?', 'Plans start at $10 per month.', 'faq'],
      ['Which payment methods do you accept?', 'Visa, Mastercard and bank transfer.\n\nInvoices are available for annual plans.', 'faq'],
    ]);
  });

  it('reads plain lines ending in "?" as questions, each answered by the lines after it', () => {
    const text = `What are your opening hours?
Monday to Friday, 9am to 5pm.
Saturdays until noon.

- **Where are you located?**
12 Harbour Street, Bristol.
Can I pay by card?
Or only by invoice?
Both work.`;
    expect(pairs(text)).toEqual([
      ['What are your opening hours?', 'Monday to Friday, 9am to 5pm.\nSaturdays until noon.', 'faq'],
      ['Where are you located?', '12 Harbour Street, Bristol.', 'faq'],
      ['Can I pay by card? Or only by invoice?', 'Both work.', 'faq'],
    ]);
  });

  it('drops questions without an answer', () => {
    expect(pairs('Q: Is anyone there?\n\nQ: Do you deliver?\nA: Every day.')).toEqual([['Do you deliver?', 'Every day.', 'faq']]);
  });

  it('fails text with no question/answer pair', () => {
    expect(() => parseFaq('We are a bakery in Bristol. We bake bread every morning.')).toThrow(IngestionError);
    expect(() => parseFaq('Why?')).toThrow(/^no question\/answer pairs found/);
  });
});
