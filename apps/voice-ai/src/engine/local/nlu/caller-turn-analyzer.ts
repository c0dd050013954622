import type { ConversationState, SentimentDto } from '@parley/contracts';
import { readUtterance, type Utterance } from './english-pipeline';
import { classifyIntent, type IntentResult } from './intent-classifier';
import { detectInterestSignals } from './interest-signal-detector';
import { scoreSentiment } from './sentiment-scorer';
import { extractSlots, type SlotValues } from './slot-extractor';
import type { SpokenTime } from './spoken-time-parser';

/** Everything the local engine understood of one caller turn. */
export interface CallerTurnUnderstanding {
  utterance: Utterance;
  intent: IntentResult;
  sentiment: SentimentDto;
  slots: SlotValues;
  time: SpokenTime | null;
  interestSignals: string[];
}

export function understandCallerTurn(text: string, state: ConversationState, now: Date, timezone: string): CallerTurnUnderstanding {
  const utterance = readUtterance(text);
  const intent = classifyIntent(utterance);
  const { slots, time } = extractSlots(utterance, intent, now, timezone);
  return {
    utterance,
    intent,
    sentiment: scoreSentiment(text, intent),
    slots,
    time,
    interestSignals: detectInterestSignals(utterance, intent, slots, state),
  };
}
