import type { AiAgentChannel, AiAgentTone } from '@parley/contracts';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ConversationContext } from '../conversation-engine';
import { allowedTools } from './agent-tool-definitions';

const TONES: Record<AiAgentTone, string> = {
  professional: 'professional: clear, courteous and to the point',
  friendly: 'friendly: warm and upbeat, using the caller\'s first name now and then',
  casual: 'casual: relaxed and conversational, plain everyday words',
  empathetic: 'empathetic: patient, acknowledge how the caller feels before answering',
  energetic: 'energetic: enthusiastic and lively, without being pushy',
};

const MEDIUMS: Record<AiAgentChannel, string> = { phone: 'a phone call', web: 'a voice conversation on the website', chat: 'a live chat' };

const TOOL_RULES: Record<string, string> = {
  lookup_knowledge: 'Before answering a question about the company, its products, prices or policies, call lookup_knowledge and answer only from what it returns.',
  book_callback: 'When the caller wants to be called at another time, agree on a day and time and call book_callback.',
  update_lead: 'When you learn something worth keeping (budget, needs, timeline, a new status), call update_lead.',
  transfer_to_human: 'When the caller asks for a person or a manager, or needs something you cannot do, call transfer_to_human.',
  end_call: 'When the caller asks not to be called again, call end_call with reason "opt_out" and confirm politely. When the conversation is over, call end_call.',
};

/** `structured`: each answer is the turn's JSON (chat completions); `spoken`: plain speech (openings, the Realtime API). */
export type PromptMode = 'structured' | 'spoken';

/**
 * The system instructions of a conversation: who the agent is, who it talks to and why, how a
 * sales conversation moves, and the shape of each answer.
 */
export function conversationInstructions(ctx: ConversationContext, mode: PromptMode): string {
  const { agent, lead, memory } = ctx;
  const lines: string[] = [];
  const company = agent.companyName ? ` at ${agent.companyName}` : '';
  lines.push(`You are ${agent.name}, ${agent.role ?? 'a sales representative'}${company}.`);
  if (agent.instructions?.trim()) lines.push(agent.instructions.trim());
  lines.push(`Tone: ${TONES[agent.tone]}.`);
  lines.push(`Speak ${languageName(agent.language)} (${agent.language}).`);
  const medium = MEDIUMS[ctx.channel];
  if (lead) {
    const about = [lead.title, lead.company && `at ${lead.company}`, lead.industry && `(${lead.industry})`].filter(Boolean).join(' ');
    lines.push(`You are on ${medium} with ${lead.name}${about ? `, ${about}` : ''}. Lead status: ${lead.status}, score ${lead.score}.`);
  } else {
    lines.push(`You are on ${medium} with a caller whose name you do not know yet.`);
  }
  if (ctx.purpose) lines.push(`Purpose of the conversation: ${ctx.purpose}.`);
  lines.push(`The current time is ${ctx.now.toISOString()}; the caller's time zone is ${ctx.timezone}. Read spoken times ("tomorrow at 3") in that zone.`);
  lines.push(
    'The conversation moves through these states: greeting → discovery (learn the caller\'s needs) → qualification (budget, ' +
      'authority, timeline) → presentation (how the offer fits) → objection_handling (answer concerns, then go back) → closing ' +
      '(agree a next step) → ended.',
  );
  lines.push(`Current state: ${memory.state}.`);
  if (memory.objections.length > 0) lines.push(`Objections raised so far: ${memory.objections.join(', ')}.`);
  if (memory.slots['callback_at']) lines.push(`A call back is already booked for ${String(memory.slots['callback_at'])}.`);
  const tools = allowedTools(agent.tools);
  for (const tool of tools) lines.push(TOOL_RULES[tool]);
  if (!tools.includes('lookup_knowledge')) lines.push('Never invent facts, prices or promises; offer that a colleague follows up instead.');
  lines.push('If the caller asks not to be called again, respect it at once: apologise briefly and end the conversation.');
  if (mode === 'spoken') {
    lines.push('You are speaking: keep each turn to one to three short sentences, never read lists or markdown, and stop talking when the caller interrupts.');
  } else {
    lines.push(
      'Answer every caller message in the JSON schema given: "reply" is what you say (one to three short spoken sentences, no ' +
        'lists or markdown); the other fields describe the caller\'s last message and the state after your reply.',
    );
  }
  return lines.join('\n');
}

/** The agent's greeting template with `{lead_name}`, `{agent_name}` and `{company}` filled in. */
export function fillGreeting(template: string, ctx: ConversationContext): string {
  const values: Record<string, string> = {
    lead_name: ctx.lead?.name.split(/\s+/)[0] ?? 'there',
    agent_name: ctx.agent.name,
    company: ctx.agent.companyName ?? 'our company',
  };
  return template
    .replace(/\{(lead_name|agent_name|company)\}/g, (_, key: string) => values[key])
    .replace(/\s+([,.!?])/g, '$1')
    .trim();
}

/** The conversation so far as chat messages, ending with the caller's new message. */
export function conversationMessages(ctx: ConversationContext, callerText: string): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = [{ role: 'system', content: conversationInstructions(ctx, 'structured') }];
  for (const line of ctx.history) {
    messages.push(line.speaker === 'caller' ? { role: 'user', content: line.text } : { role: 'assistant', content: line.text });
  }
  const last = ctx.history[ctx.history.length - 1];
  // The caller's message may already be in the history (saved before the engine ran).
  if (!(last?.speaker === 'caller' && last.text === callerText)) messages.push({ role: 'user', content: callerText.trim() || '(the caller said nothing)' });
  return messages;
}

/** The transcript as plain lines, for extraction and hand-over summaries. */
export function transcriptText(ctx: ConversationContext): string {
  return ctx.history.map((line) => `${line.speaker === 'caller' ? 'Caller' : 'Agent'}: ${line.text}`).join('\n');
}

/** What a human taking over the call should know first. */
export function handoverSummary(ctx: ConversationContext, latestCallerText: string | null): string {
  const parts: string[] = [];
  parts.push(ctx.lead ? `${ctx.lead.name}${ctx.lead.company ? ` (${ctx.lead.company})` : ''}` : 'Unknown caller');
  if (ctx.purpose) parts.push(`purpose: ${ctx.purpose}`);
  parts.push(`state: ${ctx.memory.state}`);
  if (ctx.memory.objections.length > 0) parts.push(`objections: ${ctx.memory.objections.join(', ')}`);
  if (ctx.memory.interestSignals.length > 0) parts.push(`interest: ${ctx.memory.interestSignals.slice(0, 5).join(', ')}`);
  const lastCaller = latestCallerText?.trim() || [...ctx.history].reverse().find((line) => line.speaker === 'caller')?.text;
  if (lastCaller) parts.push(`last said: "${lastCaller.slice(0, 200)}"`);
  return parts.join('; ');
}

function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
