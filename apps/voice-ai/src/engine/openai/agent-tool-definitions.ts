import { LEAD_STATUSES, type AiAgentTool } from '@parley/contracts';
import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import type { RealtimeFunctionTool } from 'openai/resources/realtime/realtime';

/** Why a conversation was ended through `end_call`; `opt_out` also puts the number on the DNC list. */
export const END_CALL_REASONS = ['opt_out', 'not_interested', 'wrong_person', 'voicemail', 'completed', 'other'] as const;
export type EndCallReason = (typeof END_CALL_REASONS)[number];

interface ToolDefinition {
  description: string;
  /** JSON Schema in the strict subset (every property required, nullable instead of optional). */
  parameters: Record<string, unknown>;
}

function objectSchema(properties: Record<string, unknown>): Record<string, unknown> {
  return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false };
}

/** The agent's tools as the model sees them, one definition for chat completions and the Realtime API. */
export const AGENT_TOOL_DEFINITIONS: Record<AiAgentTool, ToolDefinition> = {
  lookup_knowledge: {
    description:
      'Search the company knowledge base (products, pricing, plans, policies, FAQs). Call it before answering any factual ' +
      'question about the company or its offer; never guess such facts.',
    parameters: objectSchema({ query: { type: 'string', description: 'What to look up, in a few words.' } }),
  },
  book_callback: {
    description: 'Book a call back when the caller asks to be called at another time.',
    parameters: objectSchema({
      when: {
        type: 'string',
        description:
          'The agreed time as ISO 8601 with its UTC offset (e.g. 2030-03-04T15:00:00-05:00), resolved from what the caller said ' +
          'relative to the current time and time zone given in your instructions.',
      },
      note: { type: 'string', description: 'What the call back is about, in one sentence.' },
    }),
  },
  update_lead: {
    description: "Record what you learnt about the lead: a new status and/or notes worth keeping (budget, needs, timeline).",
    parameters: objectSchema({
      status: { type: ['string', 'null'], enum: [...LEAD_STATUSES, null], description: 'The lead\'s new status, or null to keep it.' },
      notes: { type: ['string', 'null'], description: 'Notes to add to the lead, or null.' },
    }),
  },
  transfer_to_human: {
    description: 'Hand the call to a human colleague when the caller asks for a person, a manager, or something you cannot handle.',
    parameters: objectSchema({ reason: { type: 'string', description: 'Why the caller needs a human, in one sentence.' } }),
  },
  end_call: {
    description:
      'End the conversation. Use reason "opt_out" whenever the caller asks not to be called again (their number is then ' +
      'removed from all calling), "wrong_person", "not_interested", "voicemail", or "completed" once the conversation is done.',
    parameters: objectSchema({ reason: { type: 'string', enum: [...END_CALL_REASONS] } }),
  },
};

/** The tools offered to the model: only those the agent may use, in a stable order. */
export function allowedTools(tools: readonly AiAgentTool[]): AiAgentTool[] {
  return (Object.keys(AGENT_TOOL_DEFINITIONS) as AiAgentTool[]).filter((name) => tools.includes(name));
}

export function chatCompletionTools(tools: readonly AiAgentTool[]): ChatCompletionFunctionTool[] {
  return allowedTools(tools).map((name) => ({
    type: 'function',
    function: { name, description: AGENT_TOOL_DEFINITIONS[name].description, parameters: AGENT_TOOL_DEFINITIONS[name].parameters, strict: true },
  }));
}

export function realtimeTools(tools: readonly AiAgentTool[]): RealtimeFunctionTool[] {
  return allowedTools(tools).map((name) => ({
    type: 'function', name, description: AGENT_TOOL_DEFINITIONS[name].description, parameters: AGENT_TOOL_DEFINITIONS[name].parameters,
  }));
}
