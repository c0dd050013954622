import type { SearchHitDto } from '@parley/contracts';
import { answerFromKnowledge, speakable, spokenFacts } from '../knowledge-answer';

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

  it('keeps a decimal point, a version or a domain inside its sentence', () => {
    const answer = answerFromKnowledge('What does the Growth plan cost?', [
      hit('Price: 149.50 USD a month for v2.5 of the Growth plan. Details at parley.example today! Ask us.'),
    ]);
    expect(answer!.text).toBe('Price: 149.50 US dollars a month for v2.5 of the Growth plan. Details at parley.example today! Ask us.');
  });

  it('reads a product as sentences about it: its price in words, no SKU or category', () => {
    // What knowledge indexes for a product (productChunkText): description, then "Label: value" lines.
    const growth = hit(
      'For growing call centers: up to 25 seats, lead scoring and routing.\nFeatures: 25 agent seats; 5 phone numbers; chat and phone support\nCategory: plans\nPrice: 149.00 USD\nSKU: PLAN-GROWTH',
      { heading: 'Growth plan', source: { ...hit('').source, type: 'product', title: 'Growth plan', product_id: 'p1', document_id: null } },
    );
    expect(answerFromKnowledge('How much is the Growth plan?', [growth], { pricing: true })!.text).toBe('The Growth plan costs 149 US dollars.');
    expect(answerFromKnowledge('What do I get with the Growth plan?', [growth])!.text).toBe(
      'For growing call centers: up to 25 seats, lead scoring and routing. The Growth plan includes 25 agent seats, 5 phone numbers and chat and phone support.',
    );
  });

  it('drops SKU fragments from any text', () => {
    expect(spokenFacts('Price: 149.00 USD SKU: PLAN-GROWTH. Billed monthly.')).toBe('Price: 149 US dollars. Billed monthly.');
    expect(spokenFacts('Growth plan\nsku: PLAN-GROWTH\nBilled monthly.')).toBe('Growth plan\nBilled monthly.');
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
