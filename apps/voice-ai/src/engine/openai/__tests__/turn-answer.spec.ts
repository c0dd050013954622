import { parseTurnAnswer, TURN_ANSWER_FORMAT } from '../turn-answer';

describe('turn answer', () => {
  it('reads the structured answer into the reply and the analysis fields', () => {
    const answer = parseTurnAnswer(JSON.stringify({
      reply: 'I hear you: our Team plan is $49 a seat.', sentiment_score: -0.4, intent: 'objection', confidence: 0.82,
      objections: ['price', 'price'], interest_signals: ['asked about pricing', ' '], state: 'objection_handling',
    }));
    expect(answer).toEqual({
      reply: 'I hear you: our Team plan is $49 a seat.',
      analysis: {
        sentiment: { score: -0.4, label: 'negative' }, intent: 'objection', confidence: 0.82, objections: ['price'],
        interest_signals: ['asked about pricing'],
      },
      state: 'objection_handling',
      structured: true,
    });
  });

  it('normalises what the schema does not allow instead of trusting it', () => {
    const answer = parseTurnAnswer(JSON.stringify({
      reply: 'Sure.', sentiment_score: 7, intent: 'haggling', confidence: 'high', objections: ['money', 'timing'], interest_signals: 'yes', state: 'dancing',
    }));
    expect(answer.analysis).toEqual({
      sentiment: { score: 1, label: 'positive' }, intent: 'unknown', confidence: 0, objections: ['timing'], interest_signals: [],
    });
    expect(answer.state).toBeNull();
  });

  it('takes plain text as the reply when a compatible server ignores structured output', () => {
    const answer = parseTurnAnswer('  Happy to help with that.  ');
    expect(answer).toMatchObject({ reply: 'Happy to help with that.', state: null, structured: false });
    expect(answer.analysis.intent).toBe('unknown');
  });

  it('asks for every field, strictly', () => {
    const schema = TURN_ANSWER_FORMAT.json_schema.schema as { required: string[]; additionalProperties: boolean; properties: Record<string, { enum?: string[] }> };
    expect(TURN_ANSWER_FORMAT.json_schema.strict).toBe(true);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required.sort()).toEqual(Object.keys(schema.properties).sort());
    expect(schema.properties['state'].enum).toContain('objection_handling');
  });
});
