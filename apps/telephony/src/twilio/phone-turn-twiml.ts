import twilio from 'twilio';
import type VoiceResponseType from 'twilio/lib/twiml/VoiceResponse';
import type { PhoneTurnDto } from '@parley/contracts';
import type { MediaStreamTwiml } from '../media/media-stream-urls';
import { sayIn, spokenVoiceOf } from './spoken-voice';
import { outboundAnswerTwiml } from './voice-twiml';

const { VoiceResponse } = twilio.twiml;

/** Where a turn's TwiML sends the call next. */
export interface PhoneTurnTargets {
  /** Our gather webhook for this prompt (promptGatherUrl): the caller's answer, or the silence after it. */
  gather: string;
  /** The call's Media Stream, for a `stream` turn (Media Streams on). */
  stream?: MediaStreamTwiml;
  /** The escalation's TwiML (a warm transfer, or the human queue), for a `transfer` turn. */
  handoff?: string;
}

/**
 * voice-ai's next turn of a phone call as the TwiML Twilio runs:
 *  - gather: the agent's words inside <Gather input="speech">, whose action is our gather webhook;
 *    a caller who stays silent falls through to the <Redirect>, which asks the same webhook with
 *    no SpeechResult (voice-ai then decides: "are you still there?", or goodbye).
 *  - stream: <Connect><Stream> to the call's Media Stream (the realtime path speaks from there).
 *  - transfer: the escalation's TwiML (it already carries the agent's words).
 *  - hangup: the agent's last words, then <Hangup/>.
 */
export function phoneTurnTwiml(turn: PhoneTurnDto, targets: PhoneTurnTargets): string {
  const voice = spokenVoiceOf(turn.voice);
  switch (turn.mode) {
    case 'gather': {
      const response = new VoiceResponse();
      const gather = response.gather({
        input: ['speech'],
        action: targets.gather,
        method: 'POST',
        speechTimeout: 'auto',
        language: turn.voice.language as VoiceResponseType.GatherAttributes['language'],
      });
      if (turn.say) sayIn(gather, turn.say, voice);
      response.redirect({ method: 'POST' }, targets.gather);
      return response.toString();
    }
    case 'stream':
      if (!targets.stream) throw new Error('a stream turn needs the call\'s Media Stream');
      return outboundAnswerTwiml(targets.stream);
    case 'transfer':
      if (targets.handoff === undefined) throw new Error('a transfer turn needs the escalation\'s TwiML');
      return targets.handoff;
    case 'hangup': {
      const response = new VoiceResponse();
      if (turn.say) sayIn(response, turn.say, voice);
      response.hangup();
      return response.toString();
    }
  }
}
