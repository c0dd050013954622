import { isoInstant, resolveCallbackTime } from './callback-time';
import { fillSchema, type FillContext, type JsonSchema } from './json-schema-filler';
import { analyseUtterance, type UtteranceAnalysis } from './utterance-analysis';

/**
 * The fake's "model", shared by chat completions and the Realtime API: reads the caller's last
 * line (and tool results) and decides, by fixed rules, to call a tool or to answer with a short
 * sentence. Rules (tools only when offered by name):
 *   stop calling / remove me        → end_call {reason: 'opt_out'}
 *   a human / person / manager      → transfer_to_human {reason}
 *   call me back / a day or a time  → book_callback {when: ISO 8601, note}
 *   price / cost / plan / feature / how → lookup_knowledge {query}
 *   after a tool result             → an answer that quotes the result.
 */

export interface ScriptedMessage {
  role: 'system' | 'developer' | 'user' | 'assistant' | 'tool';
  text: string;
  /** For a tool message: the tool whose result it carries. */
  toolName?: string;
}

export interface ScriptedTool {
  name: string;
  parameters?: JsonSchema;
}

export type ScriptedToolChoice = 'auto' | 'none' | 'required' | { name: string };

export interface ScriptedTurnInput {
  messages: ScriptedMessage[];
  tools: ScriptedTool[];
  toolChoice?: ScriptedToolChoice;
  now: Date;
  /** Instructions for this one response (Realtime response.create): a line they quote after "say"/"greet" is said verbatim. */
  responseInstructions?: string;
}

export type ScriptedTurn =
  | { kind: 'text'; text: string; context: FillContext }
  | { kind: 'tool_call'; name: string; arguments: Record<string, unknown>; context: FillContext };

/** 'Say exactly: "…"', 'Greet the caller: "…"': the line the instructions dictate. */
const QUOTED_LINE = /\b(?:say|saying|says|greet\w*|open\w*|start\w*)\b[^"“\n]{0,60}["“]([^"”]{2,400})["”]/i;

const TOOL_FOR_INTENT: Partial<Record<UtteranceAnalysis['intent'], string>> = {
  opt_out: 'end_call',
  transfer_request: 'transfer_to_human',
  callback_request: 'book_callback',
  pricing: 'lookup_knowledge',
  question: 'lookup_knowledge',
};

export function scriptedTurn(input: ScriptedTurnInput): ScriptedTurn {
  const { messages, now } = input;
  const lastUser = [...messages].reverse().find((message) => message.role === 'user');
  const lastUserText = lastUser?.text ?? '';
  const analysis = analyseUtterance(lastUserText);
  const callbackAt = analysis.intent === 'callback_request' ? isoInstant(resolveCallbackTime(lastUserText, now)) : null;
  const conversationText = messages.map((message) => message.text).join('\n');
  const context = (reply: string): FillContext => ({ analysis, reply, lastUserText, conversationText, callbackAt });

  const trailingTools = trailingToolResults(messages);
  if (trailingTools.length > 0) return { kind: 'text', text: answerFromTools(trailingTools), context: context(answerFromTools(trailingTools)) };

  const quoted = input.responseInstructions ? QUOTED_LINE.exec(input.responseInstructions)?.[1] : undefined;
  if (quoted) return { kind: 'text', text: quoted, context: context(quoted) };
  if (!lastUser || (isOpeningRequest(lastUserText) && messages.filter((m) => m.role === 'user').length === 1)) {
    const opener = openingLine(messages);
    return { kind: 'text', text: opener, context: context(opener) };
  }

  const call = chooseTool(input, analysis);
  if (call) {
    const ruleArguments = ruleArgumentsFor(call.name, analysis, lastUserText, callbackAt ?? isoInstant(resolveCallbackTime(lastUserText, now)));
    const args = toolArguments(call, ruleArguments, context(''));
    return { kind: 'tool_call', name: call.name, arguments: args, context: context('') };
  }
  const reply = replyFor(analysis, callbackAt);
  return { kind: 'text', text: reply, context: context(reply) };
}

function chooseTool(input: ScriptedTurnInput, analysis: UtteranceAnalysis): ScriptedTool | undefined {
  const { tools, toolChoice = 'auto' } = input;
  if (toolChoice === 'none' || tools.length === 0) return undefined;
  if (typeof toolChoice === 'object') return tools.find((tool) => tool.name === toolChoice.name);
  const ruled = TOOL_FOR_INTENT[analysis.intent];
  const offered = ruled ? tools.find((tool) => tool.name === ruled) : undefined;
  return offered ?? (toolChoice === 'required' ? tools[0] : undefined);
}

function ruleArgumentsFor(tool: string, analysis: UtteranceAnalysis, text: string, callbackAt: string): Record<string, unknown> {
  switch (tool) {
    case 'end_call':
      return { reason: analysis.intent === 'opt_out' ? 'opt_out' : analysis.intent };
    case 'transfer_to_human':
      return { reason: text };
    case 'book_callback':
      return { when: callbackAt, note: text };
    case 'lookup_knowledge':
      return { query: text };
    default:
      return {};
  }
}

/** The rule's arguments where the tool's schema has room for them, every other property filled by type. */
function toolArguments(tool: ScriptedTool, ruleArguments: Record<string, unknown>, context: FillContext): Record<string, unknown> {
  const schema = tool.parameters;
  if (!schema?.properties) return ruleArguments;
  const filled = fillSchema(schema, context) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  const required = new Set(schema.required ?? []);
  for (const name of Object.keys(schema.properties)) {
    if (name in ruleArguments) args[name] = ruleArguments[name];
    else if (required.has(name)) args[name] = filled[name];
  }
  if (schema.additionalProperties !== false) {
    for (const [name, value] of Object.entries(ruleArguments)) if (!(name in args)) args[name] = value;
  }
  return args;
}

function trailingToolResults(messages: ScriptedMessage[]): ScriptedMessage[] {
  const results: ScriptedMessage[] = [];
  for (let i = messages.length - 1; i >= 0 && messages[i].role === 'tool'; i--) results.unshift(messages[i]);
  return results;
}

function answerFromTools(results: ScriptedMessage[]): string {
  return results
    .map((result) => {
      const text = resultText(result.text);
      switch (result.toolName) {
        case 'lookup_knowledge':
          return text ? `Here's what I found: ${text}` : "I couldn't find that, but I'll have a colleague follow up.";
        case 'book_callback':
          return `Great, your callback is booked. ${text}`.trim();
        case 'transfer_to_human':
          return `I'm connecting you with a colleague now. ${text}`.trim();
        case 'end_call':
          return `Understood. ${text} Goodbye.`.replace(/\s+/g, ' ');
        default:
          return `Here's the result: ${text}`;
      }
    })
    .join(' ');
}

const PREFERRED_KEYS = ['content', 'text', 'answer', 'snippet', 'result', 'message', 'summary', 'status'];

/** A tool result as a person would read it out: the main string of a JSON result, else the text. */
export function resultText(raw: string): string {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return clip(raw.trim(), 300);
  }
  return clip(mainString(value) ?? raw.trim(), 300);
}

function mainString(value: unknown, depth = 0): string | undefined {
  if (depth > 5) return undefined;
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = mainString(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of PREFERRED_KEYS) {
      const found = key in record ? mainString(record[key], depth + 1) : undefined;
      if (found) return found;
    }
    for (const item of Object.values(record)) {
      const found = mainString(item, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function isOpeningRequest(text: string): boolean {
  return /\b(opening (line|message|sentence)|greet(ing)?|first (line|message|sentence)|introduce yourself|start the (call|conversation)|begin the (call|conversation))\b/i.test(text);
}

/** An opener in the agent's voice when the system prompt names the persona and company. */
function openingLine(messages: ScriptedMessage[]): string {
  const system = messages.filter((m) => m.role === 'system' || m.role === 'developer').map((m) => m.text).join('\n');
  const agent = /\b(?:[Yy]ou are|[Yy]our name is|[Tt]his is) ([A-Z][a-z]+)\b/.exec(system)?.[1];
  const company = /\b(?:from|at|for|with|representing) ([A-Z][\w&.-]*(?: [A-Z][\w&.-]*)*)/.exec(system)?.[1];
  const lead = /\b(?:speaking (?:with|to)|calling|talking (?:with|to)|lead(?:'s)? name(?: is)?:?)\s+([A-Z][a-z]+)\b/.exec(system)?.[1];
  if (agent && company) return `Hi${lead ? ` ${lead}` : ''}, this is ${agent} from ${company}. Do you have a minute to talk?`;
  return 'Hello! Thanks for taking my call. Do you have a moment to talk?';
}

function replyFor(analysis: UtteranceAnalysis, callbackAt: string | null): string {
  switch (analysis.intent) {
    case 'opt_out':
      return "I understand. I've noted that you don't want to be called again. Goodbye.";
    case 'transfer_request':
      return 'Of course. Let me connect you with a colleague.';
    case 'callback_request':
      return `Sure, I'll call you back at ${callbackAt?.replace('T', ' ').replace(/:00Z$/, ' UTC')}.`;
    case 'objection':
      return OBJECTION_REPLIES[analysis.objections[0]];
    case 'not_interested':
      return 'No problem at all. Thanks for your time. Goodbye.';
    case 'demo_request':
      return "I'd be glad to set up a demo. What day works best for you?";
    case 'pricing':
      return 'Our plans are priced per seat, and I can walk you through the options that fit your team.';
    case 'question':
      return "That's a good question. Let me tell you how it works for teams like yours.";
    case 'agreement':
      return 'Great! Shall we schedule a follow-up call to go over the details?';
    case 'goodbye':
      return 'Thanks for your time. Goodbye!';
    case 'greeting':
      return 'Hello! How can I help you today?';
    default:
      return 'I see. Could you tell me a bit more about that?';
  }
}

const OBJECTION_REPLIES: Record<UtteranceAnalysis['objections'][number], string> = {
  price: 'I understand the budget concern. Most customers find it pays for itself within a few months.',
  timing: "I understand you're busy. When would be a better time to talk?",
  authority: 'That makes sense. Would it help if I sent a short summary you can share with the decision maker?',
  need: 'Understood. May I ask how you handle this today?',
  competitor: 'Good to know. Many of our customers switched because we are simpler to use.',
};
