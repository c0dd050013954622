import { DEFAULT_TWILIO_VOICE } from '../../agent/ai-agent-defaults';
import { isMachine, sayVoice } from '../phone-lines';

describe('phone lines', () => {
  it("recognises Twilio's machine answers", () => {
    for (const answeredBy of ['machine_start', 'machine_end_beep', 'machine_end_silence', 'machine_end_other', 'fax']) {
      expect(isMachine(answeredBy)).toBe(true);
    }
    for (const answeredBy of ['human', 'unknown', undefined]) expect(isMachine(answeredBy)).toBe(false);
  });

  it('speaks Realtime voices through Twilio with its default voice', () => {
    expect(sayVoice({ provider: 'openai', voice_id: 'alloy', speed: 1.1, language: 'en-GB' }))
      .toEqual({ provider: 'twilio', voice_id: DEFAULT_TWILIO_VOICE, speed: 1.1, language: 'en-GB' });
    const twilio = { provider: 'twilio' as const, voice_id: 'Polly.Matthew', speed: 1, language: 'en-US' };
    expect(sayVoice(twilio)).toBe(twilio);
  });
});
