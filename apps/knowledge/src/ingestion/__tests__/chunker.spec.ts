import { chunkSections } from '../chunker';
import type { Section } from '../extracted-document';

const words = (from: number, count: number) => Array.from({ length: count }, (_, i) => `w${from + i}`).join(' ');
const prose = (heading: string[], text: string, extra: Partial<Section> = {}): Section => ({ heading, text, kind: 'prose', ...extra });
const wordCount = (text: string) => text.split(' ').length;

describe('chunkSections', () => {
  it('packs short sections under the same heading into one chunk, with the heading path', () => {
    const chunks = chunkSections(
      [prose(['Pricing', 'Starter'], 'Five seats.'), prose(['Pricing', 'Starter'], 'Email   support\n\nincluded.')],
      { maxWords: 50, overlapWords: 5 },
    );
    expect(chunks).toEqual([{ ordinal: 0, heading: 'Pricing › Starter', content: 'Five seats. Email support included.', page: null, url: null }]);
  });

  it('never merges different heading paths, pages or URLs', () => {
    const chunks = chunkSections(
      [
        prose(['Pricing'], 'Plans are monthly.'),
        prose(['Pricing', 'Enterprise'], 'Single sign-on.'),
        prose([], 'Page one text.', { page: 1 }),
        prose([], 'Page two text.', { page: 2 }),
        prose(['Home'], 'Welcome.', { url: 'https://acme.test/' }),
        prose(['Home'], 'About us.', { url: 'https://acme.test/about' }),
      ],
      { maxWords: 100, overlapWords: 10 },
    );
    expect(chunks.map((c) => [c.ordinal, c.heading, c.content, c.page, c.url])).toEqual([
      [0, 'Pricing', 'Plans are monthly.', null, null],
      [1, 'Pricing › Enterprise', 'Single sign-on.', null, null],
      [2, null, 'Page one text.', 1, null],
      [3, null, 'Page two text.', 2, null],
      [4, 'Home', 'Welcome.', null, 'https://acme.test/'],
      [5, 'Home', 'About us.', null, 'https://acme.test/about'],
    ]);
  });

  it('splits a long section into chunks of at most maxWords that overlap by overlapWords', () => {
    const chunks = chunkSections([prose(['Manual'], words(0, 250))], { maxWords: 100, overlapWords: 20 });
    expect(chunks.map((c) => c.content.split(' ')[0])).toEqual(['w0', 'w80', 'w160']);
    for (const chunk of chunks) expect(wordCount(chunk.content)).toBeLessThanOrEqual(100);
    for (let i = 1; i < chunks.length; i++) {
      expect(chunks[i].content.split(' ').slice(0, 20)).toEqual(chunks[i - 1].content.split(' ').slice(-20));
    }
    expect(chunks[2].content.split(' ').at(-1)).toBe('w249');
    expect(chunks.every((c) => c.heading === 'Manual')).toBe(true);
  });

  it('ends a split chunk on a sentence when one ends near the limit', () => {
    const text = `${words(0, 85)}. ${words(100, 60)}`;
    const [first, second] = chunkSections([prose([], text)], { maxWords: 100, overlapWords: 10 });
    expect(first.content.endsWith('w84.')).toBe(true);
    expect(second.content.startsWith('w75 ')).toBe(true);
  });

  it('starts a new chunk for a section that does not fit beside the previous one, without splitting it', () => {
    const chunks = chunkSections([prose(['A'], words(0, 60)), prose(['A'], words(100, 60))], { maxWords: 100, overlapWords: 10 });
    expect(chunks.map((c) => c.content)).toEqual([words(0, 60), words(100, 60)]);
  });

  it('keeps every FAQ pair whole and alone, however long', () => {
    const faq = (question: string, answer: string): Section => ({ heading: [question], text: answer, kind: 'faq' });
    const chunks = chunkSections(
      [faq('Do you ship abroad?', 'Yes.'), faq('Do you ship abroad?', 'Also by sea.'), faq('What is the warranty?', words(0, 300)), prose(['Do you ship abroad?'], 'Prose.')],
      { maxWords: 100, overlapWords: 10 },
    );
    expect(chunks.map((c) => [c.heading, wordCount(c.content)])).toEqual([
      ['Do you ship abroad?', 1],
      ['Do you ship abroad?', 3],
      ['What is the warranty?', 300],
      ['Do you ship abroad?', 1],
    ]);
  });

  it('drops sections without text and numbers the chunks that remain', () => {
    const chunks = chunkSections([prose(['Empty'], ' \n\t '), prose(['Full'], 'Text.'), prose([' '], 'No heading.')], { maxWords: 10, overlapWords: 2 });
    expect(chunks.map((c) => [c.ordinal, c.heading, c.content])).toEqual([[0, 'Full', 'Text.'], [1, null, 'No heading.']]);
  });

  it('keeps moving forward when the overlap is as large as the chunk', () => {
    const chunks = chunkSections([prose([], words(0, 30))], { maxWords: 10, overlapWords: 10 });
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.at(-1)?.content.split(' ').at(-1)).toBe('w29');
    for (const chunk of chunks) expect(wordCount(chunk.content)).toBeLessThanOrEqual(10);
  });
});
