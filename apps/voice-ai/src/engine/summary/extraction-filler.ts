import type { ExtractionFieldDto } from '@parley/contracts';
import type { ConversationContext, LeadFacts } from '../conversation-engine';
import { parseFirstNumber, parseHeadcount, parseMoneyAmount } from '../local/nlu/spoken-amount-parser';
import { parseSpokenTime } from '../local/nlu/spoken-time-parser';

/** Other names a field may go by in memory slots (an agent's field `company_size` is the engine's `team_size`). */
const SLOT_ALIASES: Record<string, string[]> = {
  budget: ['budget', 'budget_amount', 'monthly_budget', 'annual_budget', 'spend'],
  team_size: ['team_size', 'company_size', 'headcount', 'seats', 'users', 'employees', 'number_of_agents', 'agents', 'reps'],
  timeline: ['timeline', 'timeframe', 'time_frame', 'purchase_timeline', 'go_live', 'start_date'],
  decision_maker: ['decision_maker', 'is_decision_maker', 'decision_authority', 'authority'],
  competitor: ['competitor', 'current_provider', 'current_solution', 'current_vendor', 'incumbent', 'competitors'],
  email: ['email', 'email_address', 'contact_email'],
  callback_at: ['callback_at', 'callback', 'callback_time', 'follow_up_date', 'follow_up_at', 'next_call', 'meeting_time'],
  use_case: ['use_case', 'need', 'needs', 'pain_point', 'pain_points', 'requirements', 'interest'],
  interested: ['interested', 'is_interested', 'interest_level'],
};
const LEAD_FIELDS: Record<string, (lead: LeadFacts) => string | null> = {
  company: (lead) => lead.company, company_name: (lead) => lead.company, title: (lead) => lead.title,
  job_title: (lead) => lead.title, industry: (lead) => lead.industry, name: (lead) => lead.name, lead_name: (lead) => lead.name,
  contact_name: (lead) => lead.name, phone: (lead) => lead.phone, email: (lead) => lead.email,
};
const STOPWORDS = new Set(['the', 'a', 'an', 'of', 'is', 'are', 'to', 'and', 'or', 'for', 'in', 'on', 'their', 'they', 'what', 'how',
  'when', 'which', 'who', 'does', 'do', 'if', 'lead', 'caller', 'customer', 'prospect', 'at', 'by', 'with', 'it', 'this', 'that']);
const YES = /\b(yes|yeah|yep|yup|sure|correct|absolutely|definitely|of course|i am|we are|i do|we do|that'?s right|that'?s me)\b/i;
const NO = /\b(no|nope|not really|i'?m not|we'?re not|i don'?t|we don'?t|isn'?t|aren'?t|never)\b/i;

/**
 * Every extraction field of the agent, filled from what the engine already extracted, else the conversation's memory slots,
 * else the lead, else the transcript (the caller line that mentions the field, read by type); null where nothing said it.
 */
export function fillExtractionFields(ctx: ConversationContext, extracted: Record<string, unknown>): Record<string, unknown> {
  const filled: Record<string, unknown> = {};
  for (const field of ctx.agent.extractionFields) {
    filled[field.name] = coerce(extracted[field.name], field, ctx)
      ?? coerce(slotValue(ctx, field.name), field, ctx)
      ?? coerce(leadValue(ctx.lead, field.name), field, ctx)
      ?? fromTranscript(ctx, field);
  }
  return filled;
}

function slotValue(ctx: ConversationContext, name: string): unknown {
  const slots = ctx.memory.slots;
  if (slots[name] !== undefined) return slots[name];
  for (const [slot, aliases] of Object.entries(SLOT_ALIASES)) {
    if (aliases.includes(name) && slots[slot] !== undefined) return slots[slot];
  }
  return undefined;
}

function leadValue(lead: LeadFacts | null, name: string): unknown {
  const read = LEAD_FIELDS[name];
  return lead === null || read === undefined ? undefined : read(lead);
}

/** A value as the field's type, or null when it can't be one. */
function coerce(value: unknown, field: ExtractionFieldDto, ctx: ConversationContext): unknown {
  if (value === undefined || value === null || value === '') return null;
  switch (field.type) {
    case 'number':
      if (typeof value === 'number') return Number.isFinite(value) ? value : null;
      return typeof value === 'string' ? parseMoneyAmount(value) ?? parseFirstNumber(value) : null;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string') return yesOrNo(value);
      return null;
    case 'date': {
      if (value instanceof Date) return value.toISOString();
      if (typeof value !== 'string') return null;
      const iso = Date.parse(value);
      if (!Number.isNaN(iso) && /^\d{4}-\d{2}-\d{2}/.test(value)) return new Date(iso).toISOString();
      return parseSpokenTime(value, ctx.now, ctx.timezone)?.at.toISOString() ?? null;
    }
    case 'string':
      return typeof value === 'string' ? value.trim() : String(value);
  }
}

function yesOrNo(text: string): boolean | null {
  if (NO.test(text)) return false;
  if (YES.test(text)) return true;
  return null;
}

function keywordsOf(field: ExtractionFieldDto): string[] {
  const words = `${field.name.replace(/_/g, ' ')} ${field.description ?? ''}`.toLowerCase().match(/[a-z]+/g) ?? [];
  // Word stems (first 5 letters) so "budgets", "budgeted" and "decide"/"decision" meet.
  return [...new Set(words.filter((w) => w.length > 2 && !STOPWORDS.has(w)).map((w) => w.slice(0, 5)))];
}

function mentions(text: string, keywords: string[]): boolean {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  return words.some((word) => keywords.some((key) => word.startsWith(key)));
}

/**
 * The caller's own words about the field: the latest caller line that mentions it, or the caller's answer right after the
 * agent asked about it.
 */
function fromTranscript(ctx: ConversationContext, field: ExtractionFieldDto): unknown {
  const keywords = keywordsOf(field);
  if (keywords.length === 0) return null;
  const history = ctx.history;
  for (let i = history.length - 1; i >= 0; i -= 1) {
    const line = history[i];
    if (line.speaker !== 'caller') continue;
    const asked = i > 0 && history[i - 1].speaker === 'ai' && mentions(history[i - 1].text, keywords);
    if (!mentions(line.text, keywords) && !asked) continue;
    const value = readByType(line.text, field, ctx);
    if (value !== null) return value;
  }
  return null;
}

function readByType(text: string, field: ExtractionFieldDto, ctx: ConversationContext): unknown {
  switch (field.type) {
    case 'number':
      return /size|seat|user|people|employee|agent|rep|headcount|team/.test(field.name)
        ? parseHeadcount(text) ?? parseFirstNumber(text)
        : parseMoneyAmount(text) ?? parseFirstNumber(text);
    case 'boolean':
      return yesOrNo(text);
    case 'date':
      return parseSpokenTime(text, ctx.now, ctx.timezone)?.at.toISOString() ?? null;
    case 'string': {
      const trimmed = text.trim();
      return trimmed.length > 200 ? `${trimmed.slice(0, 197)}...` : trimmed;
    }
  }
}
