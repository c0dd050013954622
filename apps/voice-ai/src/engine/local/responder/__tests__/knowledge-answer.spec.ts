import type { SearchHitDto } from '@parley/contracts';
import { answerFromKnowledge, speakable } from '../knowledge-answer';

function hit(content: string, extra: Partial<SearchHitDto> = {}): SearchHitDto {
  return {
    chunk_id: 'c1', score: 0.9, heading: 'Pricing', snippet: content.slice(0, 40), content,
    source: { type: 'faq', document_id: 'd1', product_id: null, title: 'Pricing FAQ', url: null, category: null, knowledge_base: 'default' },
    ranks: { text: 1, vector: null }, ...extra,
  };
}

describe('answerFromKnowledge', () => {
  it('reads the first sentences of the best hit about the question, with its source', () => {
    const answer = answerFromKnowledge('Does it integrate with Salesforce?', [
      hit('Parley integrates with Salesforce out of the box, no plugin needed. Calls and outcomes sync to the CRM within seconds. Setup needs an admin.', { chunk_id: 'c7', heading: 'CRM' }),
    ]);
    expect(answer).toEqual({
      text: 'Parley integrates with Salesforce out of the box, no plugin needed. Calls and outcomes sync to the CRM within seconds.',
      source: { chunk_id: 'c7', title: 'Pricing FAQ', heading: 'CRM', score: 0.9 },
    });
  });

  it('keeps a spoken answer short, cutting at a sentence', () => {
    const long = `${'Our platform does many things for many teams across many industries and regions. '.repeat(6)}`;
    const answer = answerFromKnowledge('What does the platform do?', [hit(long)]);
    expect(answer!.text.length).toBeLessThanOrEqual(280);
    expect(answer!.text).toMatch(/\.$/);
  });

  it('starts a pricing answer at the sentence with the price', () => {
    const answer = answerFromKnowledge('How much does it cost?', [
      hit('We believe in fair pricing for everyone. The Team plan costs $49 per seat per month. Enterprise is custom.'),
    ], { pricing: true });
    expect(answer!.text.startsWith('The Team plan costs $49 per seat per month.')).toBe(true);
  });

  it('skips hits that share no word with the question: an unrelated top hit is no answer', () => {
    expect(answerFromKnowledge('Do you support Spanish?', [hit('Our office dog is called Biscuit.', { heading: null, source: { ...hit('').source, title: 'Team' } })])).toBeNull();
    expect(answerFromKnowledge('Anything?', [])).toBeNull();
  });

  it('cleans markdown, HTML marks and links for speech', () => {
    expect(speakable('## Plans\n- **Team**: <mark>$49</mark> per [seat](https://x.y/z) see https://example.com\n1. Enterprise'))
      .toBe('Team: $49 per seat see Enterprise');
  });
});
