import { agentVoice, DEFAULT_TWILIO_VOICE } from '../ai-agent-defaults';

describe('agentVoice', () => {
  it('gives a local agent a Twilio voice and an openai agent the realtime voice', () => {
    expect(agentVoice('local', undefined, null, 'alloy')).toEqual({ provider: 'twilio', voice_id: DEFAULT_TWILIO_VOICE, speed: 1, language: 'en-US' });
    expect(agentVoice('openai', undefined, null, 'alloy')).toEqual({ provider: 'openai', voice_id: 'alloy', speed: 1, language: 'en-US' });
  });

  it('keeps what the request does not name', () => {
    const current = { provider: 'twilio' as const, voice_id: 'Polly.Matthew', speed: 1.2, language: 'en-GB' };
    expect(agentVoice('local', { speed: 0.9 }, current, 'alloy')).toEqual({ ...current, speed: 0.9 });
  });

  it("switching the speech provider picks that provider's default voice", () => {
    const current = { provider: 'twilio' as const, voice_id: 'Polly.Matthew', speed: 1, language: 'en-US' };
    expect(agentVoice('openai', { provider: 'openai' }, current, 'verse').voice_id).toBe('verse');
  });
});
