import { highlightedSnippet, leadSnippet, MATCH_END, MATCH_START } from '../search-snippet';

describe('search snippets', () => {
  it('turns the match markers into <mark> and escapes everything else', () => {
    const headline = `Use ${MATCH_START}refunds${MATCH_END} <b>wisely</b> & "quickly"\n  now`;
    expect(highlightedSnippet(headline)).toBe('Use <mark>refunds</mark> &lt;b&gt;wisely&lt;/b&gt; &amp; &quot;quickly&quot; now');
  });

  it('opens with the first words of a chunk found by meaning alone', () => {
    const words = Array.from({ length: 50 }, (_, i) => `w${i}`);
    expect(leadSnippet(words.join(' '))).toBe(`${words.slice(0, 35).join(' ')} …`);
    expect(leadSnippet('short  <text>')).toBe('short &lt;text&gt;');
  });
});
