import OpenAI from 'openai';
import { startFakeOpenAI, type FakeOpenAI } from '@parley/testing';
import { OpenAIConversationEngine } from '../openai-conversation-engine';
import { agentProfile, conversation, knowledgeHit, recordingTools } from './conversation-fixture';

const NOW = new Date('2030-03-04T14:00:00Z');

describe('OpenAIConversationEngine against the fake OpenAI', () => {
  let fake: FakeOpenAI;
  let engine: OpenAIConversationEngine;

  beforeAll(async () => {
    fake = await startFakeOpenAI({ now: () => NOW });
    engine = new OpenAIConversationEngine({ client: new OpenAI({ apiKey: 'sk-test', baseURL: fake.baseURL, maxRetries: 0 }), chatModel: 'gpt-4o-mini', now: () => NOW });
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.requests.splice(0));

  const chatRequests = () => fake.requests.filter((r) => r.path === '/v1/chat/completions').map((r) => r.body as Record<string, any>);

  it('answers a pricing question from the knowledge base through a streamed tool call', async () => {
    const tools = recordingTools([knowledgeHit('The Team plan is $49 per seat per month.')]);
    const turn = await engine.respond(conversation(), 'How much does the Team plan cost?', tools);

    expect(tools.calls).toEqual([{ tool: 'searchKnowledge', args: ['How much does the Team plan cost?'] }]);
    expect(turn.reply).toContain('The Team plan is $49 per seat per month.');
    expect(turn.analysis.intent).toBe('pricing');
    expect(turn.actions).toEqual([{ type: 'knowledge_lookup', query: 'How much does the Team plan cost?', hits: 1 }]);
    expect(turn.sources).toEqual([{ chunk_id: 'chunk-pricing', title: 'Pricing', heading: 'Pricing', score: 0.9 }]);
    expect(turn.shouldContinue).toBe(true);
    expect(turn.memory).toMatchObject({ callerTurns: 1, intents: ['pricing'] });
    expect(turn.memory.interestSignals.length).toBeGreaterThan(0);
    expect(turn.timing.model_ms).toBeGreaterThan(0);

    const [first, second] = chatRequests();
    expect(first).toMatchObject({ model: 'gpt-4o-mini', stream: true, tool_choice: 'auto', response_format: { type: 'json_schema' } });
    expect(first.tools.map((t: { function: { name: string } }) => t.function.name)).toEqual(['lookup_knowledge', 'book_callback', 'update_lead', 'transfer_to_human', 'end_call']);
    expect(first.messages[0].role).toBe('system');
    expect(second.messages.slice(-2).map((m: { role: string }) => m.role)).toEqual(['assistant', 'tool']);
    expect(second.messages.at(-2).tool_calls[0].function.name).toBe('lookup_knowledge');
  });

  it('books a callback at the time the caller named', async () => {
    const tools = recordingTools();
    const turn = await engine.respond(conversation(), 'Can you call me back tomorrow at 3pm?', tools);
    expect(tools.calls.map((c) => c.tool)).toEqual(['bookCallback']);
    const at = tools.calls[0].args[0] as Date;
    expect(at.getTime()).toBeGreaterThan(NOW.getTime());
    expect(turn.actions[0]).toMatchObject({ type: 'callback_booked', callback_at: at.toISOString() });
    expect(turn.memory.slots['callback_at']).toBe(at.toISOString());
    expect(turn.reply).toMatch(/callback is booked/i);
  });

  it('hands the caller to a human and ends the conversation', async () => {
    const tools = recordingTools();
    const turn = await engine.respond(conversation(), 'I want to talk to a real person, get me your manager.', tools);
    expect(tools.calls[0]).toMatchObject({ tool: 'transferToHuman', args: ['I want to talk to a real person, get me your manager.', expect.stringContaining('Dana Reyes')] });
    expect(turn).toMatchObject({ shouldContinue: false, actions: [{ type: 'transfer_requested' }] });
    expect(turn.memory).toMatchObject({ state: 'ended', outcome: 'transferred' });
  });

  it('honours an opt-out: DNC, then the end of the conversation', async () => {
    const tools = recordingTools();
    const turn = await engine.respond(conversation(), 'Stop calling me and remove me from your list.', tools);
    expect(tools.calls.map((c) => c.tool)).toEqual(['optOut', 'endCall']);
    expect(turn.shouldContinue).toBe(false);
    expect(turn.memory.outcome).toBe('opted_out');
    expect(turn.actions.map((a) => a.type)).toEqual(['dnc_added', 'call_ended']);
  });

  it('offers only the agent\'s tools, and still opts out when the agent has no end_call', async () => {
    const tools = recordingTools();
    const ctx = conversation({ agent: agentProfile({ tools: ['lookup_knowledge'] }) });
    const turn = await engine.respond(ctx, 'Stop calling me, remove me from your list.', tools);
    const [request] = chatRequests();
    expect(request.tools.map((t: { function: { name: string } }) => t.function.name)).toEqual(['lookup_knowledge']);
    expect(tools.calls.map((c) => c.tool)).toEqual(['optOut']);
    expect(turn).toMatchObject({ shouldContinue: false, memory: { outcome: 'opted_out' } });
  });

  it('says the agent\'s greeting as written, or asks the model for an opening line', async () => {
    const templated = await engine.open(conversation({ agent: agentProfile({ greeting: 'Hi {lead_name}, {agent_name} from {company} here.' }) }));
    expect(templated).toMatchObject({ reply: 'Hi Dana, Ava from Parley here.', timing: { model_ms: 0 } });
    expect(chatRequests()).toHaveLength(0);

    const worded = await engine.open(conversation());
    expect(worded.reply).toMatch(/this is Ava from Parley/);
    expect(worded.timing.model_ms).toBeGreaterThan(0);
  });

  it('leaves a voicemail worded by the model', async () => {
    const message = await engine.voicemail(conversation());
    expect(message.length).toBeGreaterThan(0);
    expect(chatRequests()[0].messages[1].content).toMatch(/answering machine/);
  });

  it('wraps up with the extraction fields from structured output and the shared summary', async () => {
    const ctx = conversation({
      agent: agentProfile({ extractionFields: [{ name: 'interested', type: 'boolean' }, { name: 'budget', type: 'number', description: 'monthly budget in USD' }] }),
      history: [
        { speaker: 'ai', text: 'Hi Dana, this is Ava from Parley.' },
        { speaker: 'caller', text: 'Yes, I am interested. Our budget is about 500 dollars a month.' },
      ],
      memory: { ...conversation().memory, callerTurns: 1, sentiments: [0.6], statesVisited: ['greeting', 'discovery'], state: 'discovery' },
    });
    const wrap = await engine.wrapUp(ctx, 95, [800, 1200]);
    const [request] = chatRequests();
    expect(request.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'call_extraction', strict: true } });
    expect(request.response_format.json_schema.schema.required).toEqual(['interested', 'budget']);
    expect(Object.keys(wrap.extracted)).toEqual(['interested', 'budget']);
    expect(wrap.extracted['budget']).toBe(500);
    expect(wrap.summary).toMatchObject({ duration_seconds: 95, turns: 2 });
    expect(wrap.analytics.average_response_ms).toBe(1000);
    expect(wrap.qa.score).toBeGreaterThanOrEqual(0);
    expect(wrap.timing.model_ms).toBeGreaterThan(0);
  });

  it('fails the turn when the API refuses the key (the caller of the engine decides what to say)', async () => {
    const broken = new OpenAIConversationEngine({ client: new OpenAI({ apiKey: 'sk-test', baseURL: fake.baseURL, maxRetries: 0 }), chatModel: 'gpt-4o-mini' });
    fake.failNext(401);
    await expect(broken.respond(conversation(), 'Hello?', recordingTools())).rejects.toMatchObject({ status: 401 });
  });
});
