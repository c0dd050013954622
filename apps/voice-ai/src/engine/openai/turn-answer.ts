import {
  CONVERSATION_INTENTS, CONVERSATION_STATES, OBJECTION_TYPES, type ConversationState, type ObjectionType,
  type TurnAnalysisDto,
} from '@parley/contracts';
import type { ResponseFormatJSONSchema } from 'openai/resources/shared';
import { sentimentLabel } from '../summary/sentiment-label';

/** The model's answer to a caller turn: what it says, and what it understood (the same fields the local engine fills). */
export interface TurnAnswer {
  reply: string;
  analysis: TurnAnalysisDto;
  /** The state after the reply; null when the answer named none the policy knows. */
  state: ConversationState | null;
  /** false when the model did not answer in the schema (a compatible server without structured output): the text is the reply. */
  structured: boolean;
}

/** Structured output of a turn: strict, so every property is present and typed. */
export const TURN_ANSWER_FORMAT: ResponseFormatJSONSchema = {
  type: 'json_schema',
  json_schema: {
    name: 'conversation_turn',
    description: 'Your spoken reply to the caller and what you understood of their last message.',
    strict: true,
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['reply', 'sentiment_score', 'intent', 'confidence', 'objections', 'interest_signals', 'state'],
      properties: {
        reply: { type: 'string', description: 'What you say next: one to three short spoken sentences, no lists or markdown.' },
        sentiment_score: { type: 'number', description: "The caller's sentiment in their last message, from -1 (hostile) to 1 (delighted)." },
        intent: { type: 'string', enum: [...CONVERSATION_INTENTS], description: 'What their last message was about.' },
        confidence: { type: 'number', description: 'How sure you are of the intent, from 0 to 1.' },
        objections: { type: 'array', items: { type: 'string', enum: [...OBJECTION_TYPES] }, description: 'Objections raised in their last message.' },
        interest_signals: {
          type: 'array', items: { type: 'string' },
          description: 'Buying signals in their last message, in a few words each (e.g. "asked about pricing", "mentioned budget").',
        },
        state: { type: 'string', enum: [...CONVERSATION_STATES], description: 'The conversation state after your reply; "ended" once it is over.' },
      },
    },
  },
};

export function neutralAnalysis(): TurnAnalysisDto {
  return { sentiment: { score: 0, label: 'neutral' }, intent: 'unknown', confidence: 0, objections: [], interest_signals: [] };
}

/** Reads the model's final content; anything off-schema is normalised rather than trusted. */
export function parseTurnAnswer(content: string): TurnAnswer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return { reply: content.trim(), analysis: neutralAnalysis(), state: null, structured: false };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || typeof (parsed as { reply?: unknown }).reply !== 'string') {
    return { reply: content.trim(), analysis: neutralAnalysis(), state: null, structured: false };
  }
  const answer = parsed as Record<string, unknown>;
  const score = clamp(numberOr(answer['sentiment_score'], 0), -1, 1);
  const intent = oneOf(CONVERSATION_INTENTS, answer['intent']) ?? 'unknown';
  return {
    reply: (answer['reply'] as string).trim(),
    analysis: {
      sentiment: { score: round2(score), label: sentimentLabel(score) },
      intent,
      confidence: round2(clamp(numberOr(answer['confidence'], intent === 'unknown' ? 0 : 0.5), 0, 1)),
      objections: unique(arrayOf(answer['objections']).map((x) => oneOf(OBJECTION_TYPES, x)).filter((x): x is ObjectionType => !!x)),
      interest_signals: unique(arrayOf(answer['interest_signals']).filter((x): x is string => typeof x === 'string').map((x) => x.trim()).filter(Boolean)),
    },
    state: oneOf(CONVERSATION_STATES, answer['state']),
    structured: true,
  };
}

function oneOf<T extends string>(values: readonly T[], value: unknown): T | null {
  return typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as T) : null;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
