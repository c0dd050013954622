import type { ConversationContext, TranscriptLine } from '../../conversation-engine';
import { type ConversationMemory, newConversationMemory } from '../../conversation-memory';
import { agentProfile, conversationContext, leadFacts } from '../../local/__tests__/support/conversation-fixtures';
import { wrapUpConversation } from '../conversation-wrap-up';

function memory(extra: Partial<ConversationMemory>): ConversationMemory {
  return { ...newConversationMemory(), ...extra };
}

const salesHistory: TranscriptLine[] = [
  { speaker: 'ai', text: 'Hi Jane, this is Ava from Parley. Do you have a minute?' },
  { speaker: 'caller', text: 'Sure, what is this about?' },
  { speaker: 'ai', text: 'How many seats would you need?' },
  { speaker: 'caller', text: 'About 40, and we want to go live next Monday.' },
  { speaker: 'ai', text: 'Great. The best next step is a demo. What day works?' },
  { speaker: 'caller', text: 'Yes, let us do it. I am the one who signs off.' },
];

const wonMemory = memory({
  state: 'ended', statesVisited: ['greeting', 'discovery', 'qualification', 'presentation', 'objection_handling', 'closing', 'ended'],
  callerTurns: 3, objections: ['price'], objectionsHandled: ['price'], interestSignals: ['asked about pricing', 'mentioned budget', 'agreed to a next step'],
  sentiments: [0.1, 0.3, 0.6], intents: ['greeting', 'pricing', 'agreement'], slots: { budget: 2000, team_size: 40, decision_maker: true }, outcome: 'agreed',
});

describe('wrapUpConversation', () => {
  it('summarises what the conversation reached, raised and secured', () => {
    const ctx = conversationContext({ memory: wonMemory, history: salesHistory });
    const wrap = wrapUpConversation(ctx, 125.4, [800, 900, 1000], {});
    expect(wrap.summary).toEqual({
      text: expect.any(String), duration_seconds: 125, turns: 6, state_reached: 'closing', states_visited: wonMemory.statesVisited,
      objections: ['price'], objections_handled: ['price'], interest_signals: wonMemory.interestSignals,
      overall_sentiment: { score: expect.any(Number), label: 'positive' }, outcome: 'agreed', recommendation: 'close_won', callback_at: null,
    });
    expect(wrap.summary.text).toBe(
      'Jane Doe (Acme Corp) spoke with Ava from Parley for 3 turns (2 min 5 s); the conversation reached closing. '
      + 'Learnt: budget 2,000, team of 40, is the decision maker. Objections: price (handled). '
      + 'Interest: asked about pricing, mentioned budget, agreed to a next step. Outcome: agreed; sentiment positive. Next: close the deal.',
    );
  });

  it('weighs later turns more in the overall sentiment', () => {
    const warming = wrapUpConversation(conversationContext({ memory: memory({ sentiments: [-0.6, 0, 0.6], callerTurns: 3 }) }), 10, [], {});
    const cooling = wrapUpConversation(conversationContext({ memory: memory({ sentiments: [0.6, 0, -0.6], callerTurns: 3 }) }), 10, [], {});
    expect(warming.summary.overall_sentiment.score).toBeGreaterThan(0);
    expect(cooling.summary.overall_sentiment.score).toBeLessThan(0);
    expect(warming.analytics.average_sentiment).toBe(0);
  });

  it.each<[Partial<ConversationMemory>, string, string]>([
    [{ outcome: 'opted_out', intents: ['opt_out'], callerTurns: 1 }, 'opted_out', 'do_not_call'],
    [{ outcome: 'wrong_person', callerTurns: 1 }, 'wrong_person', 'disqualify'],
    [{ outcome: 'transferred', callerTurns: 2 }, 'transferred', 'escalate'],
    [{ outcome: 'voicemail', callerTurns: 1 }, 'voicemail', 'follow_up'],
    [{ outcome: 'demo_booked', callerTurns: 4 }, 'demo_booked', 'schedule_demo'],
    [{ outcome: 'callback_booked', callerTurns: 2 }, 'callback_booked', 'follow_up'],
    [{ outcome: 'not_interested', callerTurns: 1 }, 'not_interested', 'nurture'],
    [{ outcome: 'not_interested', objections: ['need'], callerTurns: 2 }, 'not_interested', 'disqualify'],
    [{ outcome: null, callerTurns: 0 }, 'no_response', 'nurture'],
    [{ outcome: null, callerTurns: 2, slots: { callback_at: '2025-01-11T20:00:00.000Z' } }, 'callback_booked', 'follow_up'],
  ])('%j → outcome %s, recommendation %s', (extra, outcome, recommendation) => {
    const wrap = wrapUpConversation(conversationContext({ memory: memory(extra) }), 30, [], {});
    expect(wrap.summary).toMatchObject({ outcome, recommendation });
  });

  it('sends a proposal rather than closing when the caller does not decide', () => {
    const ctx = conversationContext({ memory: { ...wonMemory, slots: { ...wonMemory.slots, decision_maker: false } }, history: salesHistory });
    expect(wrapUpConversation(ctx, 60, [], {}).summary.recommendation).toBe('send_proposal');
  });

  it('ranks conversion: agreed > ongoing > not interested > opted out', () => {
    const probability = (extra: Partial<ConversationMemory>) =>
      wrapUpConversation(conversationContext({ memory: memory({ callerTurns: 3, ...extra }) }), 60, [], {}).analytics.conversion_probability;
    const agreed = probability({ outcome: 'agreed', statesVisited: ['greeting', 'presentation', 'closing'], sentiments: [0.4], interestSignals: ['asked about pricing'] });
    const ongoing = probability({ statesVisited: ['greeting', 'discovery'], sentiments: [0.1] });
    const lost = probability({ outcome: 'not_interested', sentiments: [-0.4] });
    const optedOut = probability({ outcome: 'opted_out', sentiments: [-0.6] });
    expect(agreed).toBeGreaterThan(ongoing);
    expect(ongoing).toBeGreaterThan(lost);
    expect(lost).toBeGreaterThan(optedOut);
    for (const p of [agreed, ongoing, lost, optedOut]) {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
  });

  it('counts words, engagement and response times', () => {
    const wrap = wrapUpConversation(conversationContext({ memory: wonMemory, history: salesHistory }), 60, [100, 200, 300, 400, 5000], {});
    expect(wrap.analytics).toMatchObject({ caller_words: 27, ai_words: 29, average_response_ms: 1200, p95_response_ms: 5000, average_sentiment: 0.333 });
    expect(wrap.analytics.engagement).toBeGreaterThan(0.3);
    expect(wrapUpConversation(conversationContext(), 5, [], {}).analytics).toMatchObject({ engagement: 0, average_response_ms: 0, p95_response_ms: 0 });
  });

  it('scores QA on greeting, discovery, objections, next step, compliance and talk ratio', () => {
    const wrap = wrapUpConversation(conversationContext({ memory: wonMemory, history: salesHistory }), 60, [600], {});
    expect(wrap.qa.criteria).toEqual({
      greeting: 100, needs_discovery: 100, objection_handling: 100, next_step: 100, compliance: 100, talk_ratio: expect.any(Number), responsiveness: 100,
    });
    expect(wrap.qa.score).toBeGreaterThanOrEqual(90);
  });

  it('fails compliance, and caps the score, when the conversation went on after an opt-out', () => {
    const ignored = memory({
      callerTurns: 3, intents: ['greeting', 'opt_out', 'question'], outcome: null, statesVisited: ['greeting', 'discovery', 'presentation'],
    });
    const wrap = wrapUpConversation(conversationContext({ memory: ignored, history: salesHistory }), 60, [500], {});
    expect(wrap.qa.criteria['compliance']).toBe(0);
    expect(wrap.qa.score).toBeLessThanOrEqual(40);
  });

  it('scores an unhandled objection and a missing next step low', () => {
    const stalled = memory({ callerTurns: 3, objections: ['price', 'timing'], objectionsHandled: ['timing'], statesVisited: ['greeting', 'presentation', 'objection_handling'] });
    const wrap = wrapUpConversation(conversationContext({ memory: stalled, history: salesHistory }), 60, [], {});
    expect(wrap.qa.criteria).toMatchObject({ objection_handling: 50, next_step: 0, needs_discovery: 0 });
  });
});

describe('wrapUpConversation: extraction fields', () => {
  const fields: ConversationContext['agent']['extractionFields'] = [
    { name: 'budget', type: 'number' }, { name: 'company_size', type: 'number' }, { name: 'is_decision_maker', type: 'boolean' },
    { name: 'industry', type: 'string' }, { name: 'callback_at', type: 'date' }, { name: 'seats', type: 'number', description: 'how many seats they need' },
    { name: 'go_live_date', type: 'date', description: 'when they want to go live' }, { name: 'pets', type: 'string' },
  ];

  it('fills each field by type from the engine, memory slots, the lead and the transcript; null where nothing said it', () => {
    const ctx = conversationContext({
      agent: agentProfile({ extractionFields: fields }),
      lead: leadFacts({ industry: 'Logistics' }),
      memory: { ...wonMemory, slots: { team_size: 40, decision_maker: true, callback_at: '2025-01-14T15:00:00.000Z' } },
      history: salesHistory,
    });
    const wrap = wrapUpConversation(ctx, 60, [], { budget: '5k a month', pets: null });
    expect(wrap.extracted).toEqual({
      budget: 5000, company_size: 40, is_decision_maker: true, industry: 'Logistics', callback_at: '2025-01-14T15:00:00.000Z',
      seats: 40, go_live_date: '2025-01-13T15:00:00.000Z', pets: null,
    });
  });

  it('keeps the values the engine extracted, coerced to the field type', () => {
    const ctx = conversationContext({ agent: agentProfile({ extractionFields: fields }), lead: null });
    const wrap = wrapUpConversation(ctx, 60, [], { budget: 1200, is_decision_maker: 'yes', go_live_date: '2025-02-01', industry: 42, seats: 'twelve' });
    expect(wrap.extracted).toMatchObject({
      budget: 1200, is_decision_maker: true, go_live_date: '2025-02-01T00:00:00.000Z', industry: '42', seats: 12, company_size: null,
    });
  });

  it('answers an empty object for an agent without extraction fields', () => {
    expect(wrapUpConversation(conversationContext(), 60, [], { budget: 1 }).extracted).toEqual({});
  });
});
