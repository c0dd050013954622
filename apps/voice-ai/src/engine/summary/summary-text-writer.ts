import type { CallRecommendation, ConversationState, SentimentDto } from '@parley/contracts';
import type { ConversationContext } from '../conversation-engine';
import { type ConversationOutcome, outcomePhrase } from './conversation-outcome';

export interface SummaryFacts {
  outcome: ConversationOutcome;
  recommendation: CallRecommendation;
  stateReached: ConversationState;
  overall: SentimentDto;
  callbackAt: string | null;
  durationSeconds: number;
}

const RECOMMENDATION_PHRASE: Record<CallRecommendation, string> = {
  close_won: 'close the deal', send_proposal: 'send a proposal', schedule_demo: 'schedule a demo', follow_up: 'follow up',
  nurture: 'keep nurturing', escalate: 'have a person take it from here', disqualify: 'disqualify the lead',
  do_not_call: 'do not call again',
};

/** A few plain sentences a sales rep reads before calling back. */
export function writeSummaryText(ctx: ConversationContext, facts: SummaryFacts): string {
  const memory = ctx.memory;
  const who = ctx.lead === null ? 'The caller' : ctx.lead.company ? `${ctx.lead.name} (${ctx.lead.company})` : ctx.lead.name;
  const company = ctx.agent.companyName ? ` from ${ctx.agent.companyName}` : '';
  const sentences = [
    `${who} spoke with ${ctx.agent.name}${company} for ${memory.callerTurns} ${memory.callerTurns === 1 ? 'turn' : 'turns'} `
      + `(${formatDuration(facts.durationSeconds)}); the conversation reached ${facts.stateReached.replace(/_/g, ' ')}.`,
  ];
  const facts_ = spokenFacts(memory.slots);
  if (facts_.length > 0) sentences.push(`Learnt: ${facts_.join(', ')}.`);
  if (memory.objections.length > 0) {
    const objections = [...new Set(memory.objections)].map((o) => `${o} (${memory.objectionsHandled.includes(o) ? 'handled' : 'open'})`);
    sentences.push(`Objections: ${objections.join(', ')}.`);
  }
  if (memory.interestSignals.length > 0) sentences.push(`Interest: ${[...new Set(memory.interestSignals)].join(', ')}.`);
  if (facts.callbackAt !== null) sentences.push(`Callback booked for ${formatTime(facts.callbackAt, ctx.timezone)}.`);
  sentences.push(`Outcome: ${outcomePhrase(facts.outcome)}; sentiment ${facts.overall.label}. Next: ${RECOMMENDATION_PHRASE[facts.recommendation]}.`);
  return sentences.join(' ');
}

function spokenFacts(slots: Record<string, string | number | boolean>): string[] {
  const facts: string[] = [];
  if (typeof slots['budget'] === 'number') facts.push(`budget ${slots['budget'].toLocaleString('en-US')}`);
  if (typeof slots['team_size'] === 'number') facts.push(`team of ${slots['team_size']}`);
  if (typeof slots['timeline'] === 'string') facts.push(`timeline ${slots['timeline']}`);
  if (typeof slots['decision_maker'] === 'boolean') facts.push(slots['decision_maker'] ? 'is the decision maker' : 'not the decision maker');
  if (typeof slots['competitor'] === 'string') facts.push(`uses ${slots['competitor']}`);
  if (typeof slots['email'] === 'string') facts.push(`email ${slots['email']}`);
  return facts;
}

function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole} s`;
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

function formatTime(iso: string, timezone: string): string {
  const date = new Date(iso);
  try {
    return new Intl.DateTimeFormat('en-US', {
      weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: timezone, timeZoneName: 'short',
    }).format(date);
  } catch {
    // An unknown zone name: fall back to UTC rather than losing the booked time.
    return date.toISOString();
  }
}

/** What a colleague taking over the line reads first: who, why, and what the conversation covered so far. */
export function writeHandoffSummary(ctx: ConversationContext, reason: string): string {
  const memory = ctx.memory;
  const who = ctx.lead === null ? 'The caller' : ctx.lead.company ? `${ctx.lead.name} (${ctx.lead.company})` : ctx.lead.name;
  const sentences = [`${who} asked for a person: ${reason}. Talked with ${ctx.agent.name} for ${memory.callerTurns} turns, up to ${memory.state.replace(/_/g, ' ')}.`];
  const facts = spokenFacts(memory.slots);
  if (facts.length > 0) sentences.push(`Learnt: ${facts.join(', ')}.`);
  if (memory.objections.length > 0) sentences.push(`Objections: ${[...new Set(memory.objections)].join(', ')}.`);
  if (memory.interestSignals.length > 0) sentences.push(`Interest: ${memory.interestSignals.join(', ')}.`);
  const last = [...ctx.history].reverse().find((line) => line.speaker === 'caller');
  if (last !== undefined) sentences.push(`Last said: "${last.text.slice(0, 160)}"`);
  return sentences.join(' ');
}
