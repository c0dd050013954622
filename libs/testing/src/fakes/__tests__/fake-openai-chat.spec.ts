import OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { startFakeOpenAI, type FakeOpenAI } from '../fake-openai';

const TOOLS: ChatCompletionTool[] = [
  { type: 'function', function: { name: 'lookup_knowledge', parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'], additionalProperties: false }, strict: true } },
  { type: 'function', function: { name: 'book_callback', parameters: { type: 'object', properties: { when: { type: 'string' }, note: { type: 'string' } }, required: ['when', 'note'], additionalProperties: false }, strict: true } },
  { type: 'function', function: { name: 'transfer_to_human', parameters: { type: 'object', properties: { reason: { type: 'string' } }, required: ['reason'] } } },
  { type: 'function', function: { name: 'end_call', parameters: { type: 'object', properties: { reason: { type: 'string' } }, required: ['reason'] } } },
];

const ANALYSIS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['reply', 'sentiment_score', 'intent', 'objections', 'interest_signals', 'state'],
  properties: {
    reply: { type: 'string' },
    sentiment_score: { type: 'number', minimum: -1, maximum: 1 },
    intent: { type: 'string', enum: ['greeting', 'question', 'pricing', 'objection', 'callback_request', 'agreement', 'goodbye', 'other'] },
    objections: { type: 'array', items: { type: 'string', enum: ['price', 'timing', 'authority', 'need', 'competitor'] } },
    interest_signals: { type: 'array', items: { type: 'string' } },
    state: { type: 'string', enum: ['greeting', 'discovery', 'qualification', 'presentation', 'objection_handling', 'closing', 'ended'] },
  },
};

describe('fake OpenAI chat completions (real SDK)', () => {
  let fake: FakeOpenAI;
  let client: OpenAI;

  beforeAll(async () => {
    fake = await startFakeOpenAI({ apiKey: 'sk-test', now: () => new Date('2026-03-10T10:00:00Z') });
    client = new OpenAI({ apiKey: 'sk-test', baseURL: fake.baseURL, maxRetries: 0 });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
  });

  const user = (content: string): ChatCompletionMessageParam[] => [
    { role: 'system', content: 'You are Ava from Acme Corp, calling about our scheduling software.' },
    { role: 'user', content },
  ];

  it('answers a plain chat with a short sentence and records the request', async () => {
    const answer = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: user('Hello?') });
    expect(answer.object).toBe('chat.completion');
    expect(answer.choices[0]).toMatchObject({ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Hello! How can I help you today?' } });
    expect(answer.usage?.total_tokens).toBeGreaterThan(0);
    expect(fake.requests).toEqual([expect.objectContaining({ method: 'POST', path: '/v1/chat/completions', body: expect.objectContaining({ model: 'gpt-4o-mini' }) })]);
  });

  it('asks for the opening line in the persona the system prompt gives', async () => {
    const answer = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: user('Write the opening line of the call.') });
    expect(answer.choices[0].message.content).toBe('Hi, this is Ava from Acme Corp. Do you have a minute to talk?');
  });

  it.each([
    ['I want to talk to a real person', 'transfer_to_human', { reason: 'I want to talk to a real person' }],
    ['Can you call me back tomorrow at 3pm?', 'book_callback', { when: '2026-03-11T15:00:00Z', note: 'Can you call me back tomorrow at 3pm?' }],
    ['Call me next Tuesday morning', 'book_callback', { when: '2026-03-17T09:00:00Z', note: 'Call me next Tuesday morning' }],
    ['How much does the pro plan cost?', 'lookup_knowledge', { query: 'How much does the pro plan cost?' }],
    ['Stop calling me and remove me from your list', 'end_call', { reason: 'opt_out' }],
  ])('"%s" → tool call %s', async (text, tool, args) => {
    const answer = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: user(text), tools: TOOLS });
    const choice = answer.choices[0];
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    const call = choice.message.tool_calls![0];
    expect(call.type === 'function' && call.function.name).toBe(tool);
    expect(call.type === 'function' && JSON.parse(call.function.arguments)).toEqual(args);
    expect(call.id).toMatch(/^call_/);
  });

  it('calls no tool the request does not offer, and none with tool_choice none', async () => {
    const noTransfer = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: user('Put me through to your manager'), tools: TOOLS.slice(0, 2) });
    expect(noTransfer.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: 'Of course. Let me connect you with a colleague.' } });
    const none = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: user('How much is it?'), tools: TOOLS, tool_choice: 'none' });
    expect(none.choices[0].finish_reason).toBe('stop');
  });

  it('answers from the tool result after a tool round', async () => {
    const messages: ChatCompletionMessageParam[] = [
      ...user('What does the starter plan cost?'),
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup_knowledge', arguments: '{"query":"starter plan cost"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: JSON.stringify([{ title: 'Pricing', content: 'The starter plan costs $49 per month.' }]) },
    ];
    const answer = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: TOOLS });
    expect(answer.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: "Here's what I found: The starter plan costs $49 per month." } });
  });

  it('refuses a tool call left without its tool message, as OpenAI does', async () => {
    const messages: ChatCompletionMessageParam[] = [
      ...user('Price?'),
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_9', type: 'function', function: { name: 'lookup_knowledge', arguments: '{}' } }] },
      { role: 'user', content: 'hello?' },
    ];
    await expect(client.chat.completions.create({ model: 'gpt-4o-mini', messages })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('call_9') });
  });

  it('streams content chunks in OpenAI shape, with usage when asked', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: user('That is too expensive for us'), stream: true, stream_options: { include_usage: true } });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]).toMatchObject({ object: 'chat.completion.chunk', model: 'gpt-4o-mini', choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }], usage: null });
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('I understand the budget concern. Most customers find it pays for itself within a few months.');
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.at(-2)!.choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) } });
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
  });

  it('streams a tool call as index/id/name then argument fragments', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: user('Please call me back on Friday at 10am'), tools: TOOLS, stream: true });
    const deltas = [];
    let finish: string | null = null;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.tool_calls) deltas.push(...chunk.choices[0].delta.tool_calls);
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(deltas[0]).toMatchObject({ index: 0, id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'book_callback', arguments: '' } });
    expect(deltas.length).toBeGreaterThan(3);
    const args = JSON.parse(deltas.map((delta) => delta.function?.arguments ?? '').join(''));
    expect(args).toEqual({ when: '2026-03-13T10:00:00Z', note: 'Please call me back on Friday at 10am' });
    expect(finish).toBe('tool_calls');
  });

  it('runs a streamed tool round trip through the SDK helper', async () => {
    const runner = client.chat.completions.runTools({
      model: 'gpt-4o-mini',
      messages: user('What features does it have?'),
      tools: [{ type: 'function', function: { name: 'lookup_knowledge', description: 'Searches the knowledge base', parameters: { type: 'object', properties: { query: { type: 'string' } } }, function: async ({ query }: { query: string }) => `Features for "${query}": shared calendars and reminders.`, parse: JSON.parse } }],
      stream: true,
    });
    expect(await runner.finalContent()).toBe('Here\'s what I found: Features for "What features does it have?": shared calendars and reminders.');
  });

  it('answers json_schema structured output valid for the schema, filled from the caller\'s words', async () => {
    const answer = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: user("Honestly it's too expensive for a team our size"),
      response_format: { type: 'json_schema', json_schema: { name: 'turn', schema: ANALYSIS_SCHEMA, strict: true } },
    });
    expect(JSON.parse(answer.choices[0].message.content!)).toEqual({
      reply: 'I understand the budget concern. Most customers find it pays for itself within a few months.',
      sentiment_score: expect.any(Number),
      intent: 'objection',
      objections: ['price'],
      interest_signals: [],
      state: 'objection_handling',
    });
    const pricing = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: user('What are your pricing plans?'),
      response_format: { type: 'json_schema', json_schema: { name: 'turn', schema: ANALYSIS_SCHEMA, strict: true } },
      stream: true,
    });
    let content = '';
    for await (const chunk of pricing) content += chunk.choices[0]?.delta.content ?? '';
    expect(JSON.parse(content)).toMatchObject({ intent: 'pricing', objections: [], interest_signals: ['asked_about_pricing'], state: 'presentation' });
  });

  it('fills extraction fields by type from the conversation', async () => {
    const schema = {
      type: 'object',
      additionalProperties: false,
      required: ['email', 'budget', 'team_size', 'decision_maker', 'timeline', 'callback_time'],
      properties: {
        email: { type: 'string' },
        budget: { type: 'number' },
        team_size: { type: 'integer' },
        decision_maker: { type: 'boolean' },
        timeline: { type: ['string', 'null'] },
        callback_time: { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] },
      },
    };
    const answer = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Extract the fields from the transcript.' },
        { role: 'user', content: "Caller: We are 25 people, budget around $5,000. I'm the decision maker. We want to start next quarter. Email me at jo@example.com. Call me back tomorrow at 3pm." },
      ],
      response_format: { type: 'json_schema', json_schema: { name: 'extraction', schema, strict: true } },
    });
    expect(JSON.parse(answer.choices[0].message.content!)).toEqual({
      email: 'jo@example.com',
      budget: 5000,
      team_size: 25,
      decision_maker: true,
      timeline: 'next quarter',
      callback_time: '2026-03-11T15:00:00Z',
    });
  });

  it('refuses a strict schema OpenAI would refuse', async () => {
    await expect(
      client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: user('hi'),
        response_format: { type: 'json_schema', json_schema: { name: 'loose', strict: true, schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] } } },
      }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining("'additionalProperties' is required to be supplied and to be false") });
  });

  it('answers json_object with the analysis fields', async () => {
    const answer = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: user('Sounds great, answer in JSON'), response_format: { type: 'json_object' } });
    expect(JSON.parse(answer.choices[0].message.content!)).toMatchObject({ intent: 'agreement', state: 'closing', reply: expect.any(String) });
  });

  it('still fails on demand (failNext) and refuses a wrong key', async () => {
    fake.failNext(503);
    await expect(client.chat.completions.create({ model: 'gpt-4o-mini', messages: user('hi') })).rejects.toMatchObject({ status: 503 });
    const wrong = new OpenAI({ apiKey: 'sk-wrong', baseURL: fake.baseURL, maxRetries: 0 });
    await expect(wrong.chat.completions.create({ model: 'gpt-4o-mini', messages: user('hi') })).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
    expect(fake.requests).toHaveLength(2);
  });
});
