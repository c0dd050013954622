import { newConversationMemory } from '../../conversation-memory';
import { LocalConversationEngine } from '../local-conversation-engine';
import { agentProfile, conversationContext, KNOWLEDGE, leadFacts, ScriptedConversation } from './support/conversation-fixtures';
import { FakeConversationTools } from './support/fake-conversation-tools';

const engine = new LocalConversationEngine();

function conversation(ctx = conversationContext(), tools = new FakeConversationTools(KNOWLEDGE, { leadId: 'lead-1', timezone: 'America/New_York' })) {
  return { chat: new ScriptedConversation(engine, tools, ctx), tools };
}

describe('LocalConversationEngine', () => {
  it('holds a full sales conversation: greeting → discovery → qualification → presentation → price objection → closing, callback booked', async () => {
    const { chat, tools } = conversation();
    expect(await chat.open()).toBe('Hi Jane Doe, this is Ava from Parley. Do you have a minute?');

    const intro = await chat.say("Sure, what's this about?");
    expect(intro).toMatchObject({ shouldContinue: true, memory: { state: 'discovery' } });
    expect(intro.reply).toContain('Parley works with teams like Acme Corp');

    const discovery = await chat.say("We have 12 reps making calls by hand and it's slow");
    expect(discovery.memory.state).toBe('qualification');
    expect(discovery.memory.slots).toMatchObject({ team_size: 12 });

    const qualification = await chat.say("We'd like something this quarter, and budget is around $2,000 a month.");
    expect(qualification.memory.state).toBe('presentation');
    expect(qualification.reply).toContain('AI agents that call, qualify and book meetings');
    expect(qualification.sources).toEqual([{ chunk_id: 'chunk-2', title: 'Overview', heading: null, score: expect.any(Number) }]);

    const pricing = await chat.say('How much does it cost?');
    expect(pricing.analysis.intent).toBe('pricing');
    expect(pricing.reply).toContain('$49 per seat per month');
    expect(pricing.reply).toContain('For a team of 12');
    expect(pricing.actions).toEqual([{ type: 'knowledge_lookup', query: expect.stringContaining('How much does it cost?'), hits: expect.any(Number) }]);
    expect(pricing.analysis.interest_signals).toContain('asked about pricing');

    const objection = await chat.say("Hmm, that's way too expensive for us.");
    expect(objection).toMatchObject({ memory: { state: 'objection_handling', objections: ['price'] }, analysis: { intent: 'objection', objections: ['price'] } });
    expect(objection.analysis.sentiment.label).toBe('negative');
    expect(objection.reply).toContain('pays for itself');

    const won = await chat.say('OK, that makes sense.');
    expect(won.memory).toMatchObject({ state: 'closing', objectionsHandled: ['price'] });

    const callback = await chat.say('Can you call me tomorrow at 3pm to go through it?');
    expect(callback.actions).toEqual([{ type: 'callback_booked', callback_at: '2025-01-11T20:00:00.000Z', timezone: 'America/New_York', lead_id: 'lead-1' }]);
    expect(callback.reply).toContain("I've booked a call tomorrow at 3 PM");
    expect(callback.memory).toMatchObject({ outcome: 'callback_booked', slots: { callback_at: '2025-01-11T20:00:00.000Z' } });
    expect(tools.callbacks[0].note).toContain('Callback requested');

    const bye = await chat.say("No, that's all. Thanks, bye!");
    expect(bye.shouldContinue).toBe(false);
    expect(bye.memory.state).toBe('ended');
    expect(bye.reply).toBe('Thank you for your time, Jane. Talk to you tomorrow at 3 PM. Have a good day.');
    expect(bye.actions.map((a) => a.type)).toEqual(['lead_updated', 'call_ended']);
    expect(tools.leadUpdates[0]).toMatchObject({ custom_fields: { team_size: 12, budget: 2000, timeline: 'this quarter' } });
    expect(bye.memory.statesVisited).toEqual(['greeting', 'discovery', 'qualification', 'presentation', 'objection_handling', 'closing', 'ended']);

    const wrap = await engine.wrapUp(chat.ctx, 185, [4, 5, 3, 6, 4, 5, 4, 3]);
    expect(wrap.summary).toMatchObject({
      state_reached: 'closing', objections: ['price'], objections_handled: ['price'], outcome: 'callback_booked', recommendation: 'follow_up',
      callback_at: '2025-01-11T20:00:00.000Z', duration_seconds: 185, turns: 17,
    });
    expect(wrap.summary.text).toContain('Callback booked for Sat, Jan 11, 3:00 PM EST');
    expect(wrap.analytics.conversion_probability).toBeGreaterThan(0.8);
    expect(wrap.qa.criteria).toMatchObject({ greeting: 100, objection_handling: 100, next_step: 100, compliance: 100 });
    expect(wrap.timing).toEqual({ model_ms: 0, knowledge_ms: 0 });
  });

  it('honours an opt-out at once: the number goes on DNC and the conversation ends', async () => {
    const { chat, tools } = conversation();
    await chat.open();
    await chat.say('Who is this?');
    const turn = await chat.say("It's too expensive anyway. Please don't call me again.");
    expect(turn).toMatchObject({ shouldContinue: false, analysis: { intent: 'opt_out' }, memory: { state: 'ended', outcome: 'opted_out' } });
    expect(turn.actions).toEqual([{ type: 'dnc_added', phone_number: '+15550100' }, { type: 'call_ended', reason: 'opted_out' }]);
    expect(tools.optOuts[0]).toContain("don't call me again");
    expect(turn.reply).toContain("you won't hear from us again");
    const wrap = await engine.wrapUp(chat.ctx, 20, [3, 3]);
    expect(wrap.summary.recommendation).toBe('do_not_call');
    expect(wrap.qa.criteria['compliance']).toBe(100);
  });

  it('opts out even when the agent has no tools at all', async () => {
    const { chat, tools } = conversation(conversationContext({ agent: agentProfile({ tools: [] }) }));
    await chat.open();
    const turn = await chat.say('Remove me from your list');
    expect(tools.optOuts).toHaveLength(1);
    expect(turn.actions.map((a) => a.type)).toEqual(['dnc_added', 'call_ended']);
  });

  it('ends politely with a wrong person and with a caller who is not interested', async () => {
    const wrong = conversation();
    await wrong.chat.open();
    const turn = await wrong.chat.say('Sorry, you have the wrong number');
    expect(turn).toMatchObject({ shouldContinue: false, memory: { outcome: 'wrong_person' } });
    expect(turn.reply).toContain('My apologies for the mix-up');

    const cold = conversation();
    await cold.chat.open();
    const no = await cold.chat.say("I'm not interested, thanks.");
    expect(no).toMatchObject({ shouldContinue: false, memory: { outcome: 'not_interested' }, analysis: { intent: 'not_interested' } });
    expect(no.reply).toContain("If anything changes, we're always happy to help.");
  });

  it('leaves a voicemail when an answering machine picks up', async () => {
    const { chat } = conversation(conversationContext({ purpose: 'your trial of Parley' }));
    await chat.open();
    const turn = await chat.say("Hi, you've reached Jane. Please leave a message after the beep.");
    expect(turn).toMatchObject({ shouldContinue: false, analysis: { intent: 'voicemail' }, memory: { outcome: 'voicemail' } });
    expect(turn.reply).toBe(await engine.voicemail(chat.ctx));
    expect(turn.reply).toContain("I'm calling about your trial of Parley. Please give us a call back");
  });

  it('transfers to a person with a summary of the conversation so far', async () => {
    const { chat, tools } = conversation();
    await chat.open();
    await chat.say('Yes, speaking. We have 30 agents.');
    const turn = await chat.say('Can I talk to a real person please?');
    expect(turn).toMatchObject({ shouldContinue: false, memory: { outcome: 'transferred' } });
    expect(turn.actions[0]).toEqual({ type: 'transfer_requested', reason: expect.stringContaining('real person'), escalation_id: 'esc-1' });
    expect(tools.transfers[0].summary).toContain('Jane Doe (Acme Corp) asked for a person');
    expect(tools.transfers[0].summary).toContain('team of 30');
    expect(turn.reply).toContain('Let me connect you with a colleague now');
  });

  it('books a call and lets a busy caller go', async () => {
    const { chat } = conversation();
    await chat.open();
    const turn = await chat.say("I'm really busy right now, can you call me next Tuesday morning?");
    expect(turn.shouldContinue).toBe(false);
    expect(turn.actions[0]).toMatchObject({ type: 'callback_booked', callback_at: '2025-01-14T14:00:00.000Z' });
    expect(turn.reply).toContain("I've booked a call on Tuesday at 9 AM. Talk to you then.");
  });

  it('books a demo when a time answers its question "when would suit you?"', async () => {
    const { chat, tools } = conversation(conversationContext({ agent: agentProfile({ tone: 'casual' }), lead: null }));
    expect(await chat.open()).toBe('Hi there, this is Ava from Parley. Do you have a minute?');
    const ask = await chat.say('Can I see a demo?');
    expect(ask.reply).toContain('When would suit you for a 20-minute demo?');
    const booked = await chat.say('Thursday at 2 works');
    expect(booked.memory.outcome).toBe('demo_booked');
    expect(booked.reply).toContain('Your demo is booked on Thursday at 2 PM');
    expect(tools.callbacks[0].note).toContain('Demo');
  });

  it('answers questions from knowledge, and promises a colleague when knowledge has nothing', async () => {
    const { chat } = conversation();
    await chat.open();
    const known = await chat.say('Does it integrate with Salesforce?');
    expect(known.reply).toBe('Parley integrates with Salesforce and HubSpot out of the box. Calls, transcripts and outcomes sync to the CRM within seconds. Does that answer your question?');
    expect(known.sources[0]).toMatchObject({ chunk_id: 'chunk-1', title: 'Integrations' });
    const unknown = await chat.say('Is it available in Klingon?');
    expect(unknown.reply).toContain("I'll have a colleague follow up with the answer");
    expect(unknown.sources).toEqual([]);
  });

  it('does only what the agent may: no lookups, bookings or transfers without those tools', async () => {
    const { chat, tools } = conversation(conversationContext({ agent: agentProfile({ tools: ['end_call'] }) }));
    await chat.open();
    const question = await chat.say('Does it integrate with Salesforce?');
    expect(tools.searches).toEqual([]);
    expect(question.reply).toContain("I'll have a colleague follow up");
    const callback = await chat.say('Call me back tomorrow at 10am');
    expect(tools.callbacks).toEqual([]);
    expect(callback.reply).toContain("I'll let the team know to call you tomorrow at 10 AM");
    expect(callback.memory.outcome).toBeNull();
    const transfer = await chat.say('Let me talk to a human');
    expect(tools.transfers).toEqual([]);
    expect(transfer.reply).toContain("I'm not able to transfer you right now");
  });

  it('handles a competitor and an authority objection, then a yes', async () => {
    const { chat } = conversation(conversationContext({ agent: agentProfile({ tone: 'friendly' }) }));
    await chat.open();
    await chat.say('Hello');
    const competitor = await chat.say("We already use Talkdesk and we're happy with it.");
    expect(competitor.reply).toContain('Talkdesk is a solid choice');
    const moved = await chat.say('Well, the reporting could be better');
    expect(moved.memory).toMatchObject({ state: 'presentation', objectionsHandled: ['competitor'] });
    const authority = await chat.say('I would have to check with my boss first');
    expect(authority.reply).toContain('Who else would be part of the decision?');
    expect(authority.memory.slots['decision_maker']).toBe(false);
    const yes = await chat.say('Sure, sounds good, send me the details to jane at acme dot com');
    expect(yes.memory.state).toBe('closing');
    const agreed = await chat.say('yes please');
    expect(agreed.memory.outcome).toBe('agreed');
    expect(agreed.reply).toContain('send over the details to jane@acme.com');
  });

  it('asks again on silence and gives up after three silent turns', async () => {
    const { chat } = conversation();
    await chat.open();
    expect((await chat.say('')).reply).toBe('Are you still there?');
    expect((await chat.say('  ')).shouldContinue).toBe(true);
    const last = await chat.say('');
    expect(last).toMatchObject({ shouldContinue: false, memory: { state: 'ended', silentTurns: 3 } });
    expect(last.actions.at(-1)).toEqual({ type: 'call_ended', reason: 'silence' });
  });

  it('asks again when it does not understand', async () => {
    const { chat } = conversation();
    await chat.open();
    await chat.say('Sure');
    await chat.say('We do it all by hand');
    const turn = await chat.say('Purple monkey dishwasher');
    expect(turn.analysis.intent).toBe('unknown');
    expect(turn.reply).toMatch(/catch that|say that again/);
  });

  it('measures time spent waiting on knowledge, and leaves the given memory untouched', async () => {
    const tools = new FakeConversationTools(KNOWLEDGE, { searchDelayMs: 25 });
    const ctx = conversationContext();
    const before = JSON.stringify(ctx.memory);
    const turn = await engine.respond(ctx, 'How much does it cost?', tools);
    expect(turn.timing.model_ms).toBe(0);
    expect(turn.timing.knowledge_ms).toBeGreaterThanOrEqual(20);
    expect(JSON.stringify(ctx.memory)).toBe(before);
  });

  it('opens with the greeting and a fresh memory', async () => {
    const opening = await engine.open(conversationContext({ lead: leadFacts({ name: 'Sam Lee' }) }));
    expect(opening).toEqual({ reply: 'Hi Sam Lee, this is Ava from Parley. Do you have a minute?', memory: newConversationMemory(), timing: { model_ms: 0, knowledge_ms: 0 } });
  });
});
