import { fillSchema, strictSchemaProblem, type JsonSchema } from './json-schema-filler';
import { delay, invalidRequest, newId, tokenCount, unixSeconds, type FakeOpenAIReply, type FakeOpenAIRoute } from './openai-wire';
import { scriptedTurn, type ScriptedMessage, type ScriptedTool, type ScriptedToolChoice, type ScriptedTurn } from './scripted-model';

/**
 * POST /v1/chat/completions with OpenAI's wire shapes: a `chat.completion`, or with `stream: true`
 * server-sent `chat.completion.chunk`s (content and tool-call argument fragments, finish_reason,
 * a usage chunk when stream_options.include_usage) ending in `[DONE]`. The answer comes from the
 * scripted model; `response_format` json_schema / json_object turns it into JSON.
 */

export interface ChatCompletionsOptions {
  now: () => Date;
  /** Delay before the answer (or the first chunk), like a model's time to first token. */
  latencyMs?: number;
}

interface ChatMessage {
  role?: unknown;
  content?: unknown;
  tool_calls?: Array<{ id?: unknown; function?: { name?: unknown } }>;
  tool_call_id?: unknown;
}

interface ChatTool {
  type?: unknown;
  function?: { name?: unknown; parameters?: JsonSchema; strict?: unknown };
}

interface ChatRequest {
  model?: unknown;
  messages?: unknown;
  stream?: unknown;
  stream_options?: { include_usage?: unknown } | null;
  tools?: unknown;
  tool_choice?: unknown;
  response_format?: { type?: unknown; json_schema?: { name?: unknown; schema?: JsonSchema; strict?: unknown } } | null;
}

type OutputFormat = { kind: 'text' } | { kind: 'json_object' } | { kind: 'json_schema'; schema: JsonSchema };

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);

export function chatCompletionsRoute(options: ChatCompletionsOptions): FakeOpenAIRoute {
  return async ({ body }) => {
    const request = (body ?? {}) as ChatRequest;
    const parsed = parseRequest(request);
    if ('error' in parsed) return parsed.error;
    const { messages, tools, toolChoice, format } = parsed;
    const turn = scriptedTurn({ messages, tools, toolChoice, now: options.now() });
    const model = request.model as string;
    if (options.latencyMs) await delay(options.latencyMs);
    const promptTokens = tokenCount(messages.map((m) => m.text).join(' '));
    if (request.stream === true) return streamReply(turn, format, model, promptTokens, request.stream_options?.include_usage === true);
    return { status: 200, body: completion(turn, format, model, promptTokens) };
  };
}

function parseRequest(request: ChatRequest):
  | { messages: ScriptedMessage[]; tools: ScriptedTool[]; toolChoice: ScriptedToolChoice; format: OutputFormat }
  | { error: FakeOpenAIReply } {
  if (typeof request.model !== 'string' || request.model.length === 0) return { error: invalidRequest('you must provide a model parameter', 'model') };
  if (!Array.isArray(request.messages) || request.messages.length === 0) {
    return { error: invalidRequest("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'messages', 'empty_array') };
  }
  const raw = request.messages as ChatMessage[];
  const toolNames = new Map<string, string>();
  const pending = new Set<string>();
  const messages: ScriptedMessage[] = [];
  for (const [index, message] of raw.entries()) {
    if (typeof message?.role !== 'string' || !ROLES.has(message.role)) {
      return { error: invalidRequest(`Invalid value: '${String(message?.role)}'. Supported values are: 'system', 'assistant', 'user', 'tool', 'function' and 'developer'.`, `messages[${index}].role`, 'invalid_value') };
    }
    if (message.role !== 'tool' && pending.size > 0) return { error: unansweredToolCalls(pending) };
    if (message.role === 'tool') {
      const id = String(message.tool_call_id ?? '');
      if (!toolNames.has(id)) {
        return { error: invalidRequest("Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.", `messages.[${index}].role`) };
      }
      pending.delete(id);
      messages.push({ role: 'tool', text: contentText(message.content), toolName: toolNames.get(id) });
      continue;
    }
    for (const call of message.role === 'assistant' ? message.tool_calls ?? [] : []) {
      const id = String(call.id ?? '');
      toolNames.set(id, String(call.function?.name ?? ''));
      pending.add(id);
    }
    messages.push({ role: message.role === 'function' ? 'tool' : (message.role as ScriptedMessage['role']), text: contentText(message.content) });
  }
  if (pending.size > 0) return { error: unansweredToolCalls(pending) };

  const tools: ScriptedTool[] = [];
  for (const [index, tool] of (Array.isArray(request.tools) ? (request.tools as ChatTool[]) : []).entries()) {
    const name = tool?.function?.name;
    if (tool?.type !== 'function' || typeof name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
      return { error: invalidRequest(`Invalid 'tools[${index}].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`, `tools[${index}].function.name`, 'invalid_value') };
    }
    const problem = tool.function?.strict === true && tool.function.parameters ? strictSchemaProblem(tool.function.parameters) : null;
    if (problem) return { error: invalidRequest(`Invalid schema for function '${name}': ${problem}`, `tools[${index}].function.parameters`, 'invalid_function_parameters') };
    tools.push({ name, parameters: tool.function?.parameters });
  }

  const choice = request.tool_choice as undefined | string | { type?: string; function?: { name?: string } };
  const toolChoice: ScriptedToolChoice =
    choice === 'none' || choice === 'required' || choice === 'auto' ? choice : typeof choice === 'object' && choice?.function?.name ? { name: choice.function.name } : 'auto';

  const responseFormat = request.response_format;
  let format: OutputFormat = { kind: 'text' };
  if (responseFormat?.type === 'json_schema') {
    const spec = responseFormat.json_schema;
    if (!spec || typeof spec.name !== 'string') return { error: invalidRequest("Missing required parameter: 'response_format.json_schema.name'.", 'response_format.json_schema.name', 'missing_required_parameter') };
    const schema = spec.schema ?? {};
    const problem = spec.strict === true ? strictSchemaProblem(schema) : null;
    if (problem) return { error: invalidRequest(`Invalid schema for response_format '${spec.name}': ${problem}`, 'response_format', 'invalid_json_schema') };
    format = { kind: 'json_schema', schema };
  } else if (responseFormat?.type === 'json_object') {
    if (!messages.some((m) => /json/i.test(m.text))) {
      return { error: invalidRequest("'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", 'messages') };
    }
    format = { kind: 'json_object' };
  }
  return { messages, tools, toolChoice, format };
}

function unansweredToolCalls(pending: Set<string>): FakeOpenAIReply {
  return invalidRequest(
    `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...pending].join(', ')}`,
    'messages',
  );
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part: { type?: string; text?: unknown }) => (typeof part?.text === 'string' ? part.text : ''))
      .filter(Boolean)
      .join('\n');
  }
  return '';
}

function contentFor(turn: Extract<ScriptedTurn, { kind: 'text' }>, format: OutputFormat): string {
  if (format.kind === 'json_schema') return JSON.stringify(fillSchema(format.schema, turn.context));
  if (format.kind === 'json_object') {
    const { analysis, reply } = turn.context;
    return JSON.stringify({
      reply,
      intent: analysis.intent,
      sentiment_score: analysis.sentimentScore,
      objections: analysis.objections,
      interest_signals: analysis.interestSignals,
      state: analysis.state,
    });
  }
  return turn.text;
}

function usage(promptTokens: number, completionTokens: number) {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

function completion(turn: ScriptedTurn, format: OutputFormat, model: string, promptTokens: number) {
  const base = { id: newId('chatcmpl-'), object: 'chat.completion', created: unixSeconds(), model, service_tier: 'default', system_fingerprint: 'fp_fake' };
  if (turn.kind === 'tool_call') {
    const args = JSON.stringify(turn.arguments);
    const toolCall = { id: newId('call_'), type: 'function', function: { name: turn.name, arguments: args } };
    return {
      ...base,
      choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: null, annotations: [], tool_calls: [toolCall] }, logprobs: null, finish_reason: 'tool_calls' }],
      usage: usage(promptTokens, tokenCount(args)),
    };
  }
  const content = contentFor(turn, format);
  return {
    ...base,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' }],
    usage: usage(promptTokens, tokenCount(content)),
  };
}

function streamReply(turn: ScriptedTurn, format: OutputFormat, model: string, promptTokens: number, includeUsage: boolean): FakeOpenAIReply {
  const id = newId('chatcmpl-');
  const created = unixSeconds();
  const chunk = (delta: object, finishReason: string | null = null) =>
    JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      service_tier: 'default',
      system_fingerprint: 'fp_fake',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...(includeUsage ? { usage: null } : {}),
    });
  const payloads: string[] = [];
  let completionText: string;
  if (turn.kind === 'tool_call') {
    completionText = JSON.stringify(turn.arguments);
    payloads.push(chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: newId('call_'), type: 'function', function: { name: turn.name, arguments: '' } }], refusal: null }));
    for (const fragment of fragments(completionText, 8)) payloads.push(chunk({ tool_calls: [{ index: 0, function: { arguments: fragment } }] }));
    payloads.push(chunk({}, 'tool_calls'));
  } else {
    completionText = contentFor(turn, format);
    payloads.push(chunk({ role: 'assistant', content: '', refusal: null }));
    const pieces = format.kind === 'text' ? completionText.match(/\S+\s*/g) ?? [] : fragments(completionText, 12);
    for (const piece of pieces) payloads.push(chunk({ content: piece }));
    payloads.push(chunk({}, 'stop'));
  }
  if (includeUsage) {
    payloads.push(JSON.stringify({ id, object: 'chat.completion.chunk', created, model, service_tier: 'default', system_fingerprint: 'fp_fake', choices: [], usage: usage(promptTokens, tokenCount(completionText)) }));
  }
  payloads.push('[DONE]');
  return { status: 200, body: null, events: each(payloads) };
}

function fragments(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

async function* each(payloads: string[]): AsyncIterable<string> {
  for (const payload of payloads) {
    yield payload;
    // One chunk per event-loop turn, so a client sees them arrive as a stream does.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
