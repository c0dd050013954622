import type { ConversationState } from '@parley/contracts';
import type { Utterance } from './english-pipeline';
import type { IntentResult } from './intent-classifier';
import type { SlotValues } from './slot-extractor';

const NEXT_STEPS = /\b(next steps?|how do (we|i) (start|begin|get started|sign up)|get started|sign up|onboard(ing)?|implementation|roll ?out|contract|proposal|how soon can)\b/i;

/** Buying signals in one caller turn, in words a sales rep reads ("asked about pricing", "mentioned budget"). */
export function detectInterestSignals(
  utterance: Utterance, intent: IntentResult, slots: SlotValues, state: ConversationState,
): string[] {
  const signals: string[] = [];
  switch (intent.intent) {
    case 'pricing': signals.push('asked about pricing'); break;
    case 'demo_request': signals.push('asked for a demo'); break;
    case 'question': signals.push('asked a product question'); break;
    case 'interested':
      signals.push('expressed interest');
      if (state === 'closing') signals.push('agreed to a next step');
      break;
    case 'callback_request': signals.push('asked for a callback'); break;
    case 'agreement':
      if (state === 'presentation' || state === 'closing' || state === 'objection_handling') signals.push('agreed to a next step');
      break;
    default: break;
  }
  if (NEXT_STEPS.test(utterance.text)) signals.push('asked for next steps');
  if (slots['budget'] !== undefined) signals.push('mentioned budget');
  if (slots['team_size'] !== undefined) signals.push('shared team size');
  if (slots['timeline'] !== undefined) signals.push('mentioned a timeline');
  if (slots['email'] !== undefined) signals.push('shared email');
  if (slots['decision_maker'] === true) signals.push('is the decision maker');
  if (slots['use_case'] !== undefined) signals.push('described a need');
  return signals;
}
