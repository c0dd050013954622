import type { PhoneTurnDto, VoiceSettingsView } from '@parley/contracts';
import { parseTwiml, type TwimlNode } from '@parley/testing';
import { phoneTurnTwiml } from '../phone-turn-twiml';
import { spokenVoiceOf } from '../spoken-voice';
import { promptGatherUrl } from '../twilio-webhook-urls';

const tenant = '6f1c2a4e-0b7d-4c8e-9a51-3d2f7e8b9c10';
const callId = '0b5d4a3c-2e1f-4a7b-8c9d-0e1f2a3b4c5d';
const gather = promptGatherUrl('https://calls.example.com', tenant, callId, 'a1b2c3');
const polly: VoiceSettingsView = { provider: 'twilio', voice_id: 'Polly.Joanna', speed: 1, language: 'en-US' };
const turn = (mode: PhoneTurnDto['mode'], say: string | null, voice = polly): PhoneTurnDto =>
  ({ mode, say, voice, voice_call_id: '5a0f8a3e-1d2c-4b5a-9e8f-7a6b5c4d3e2f' });
const names = (node: TwimlNode) => node.children.map((child) => child.name);
const child = (node: TwimlNode, name: string) => node.children.find((c) => c.name === name) as TwimlNode;

describe('phoneTurnTwiml', () => {
  it('gather: the agent speaks inside a speech <Gather> posting to this prompt\'s gather URL; silence falls through to a <Redirect> there', () => {
    const doc = parseTwiml(phoneTurnTwiml(turn('gather', 'Hi Dana, this is Ava from Parley. Is now a good time?'), { gather }));
    expect(names(doc)).toEqual(['Gather', 'Redirect']);
    expect(child(doc, 'Gather').attributes).toEqual({ input: 'speech', action: gather, method: 'POST', speechTimeout: 'auto', language: 'en-US' });
    const say = child(child(doc, 'Gather'), 'Say');
    expect(say).toMatchObject({ attributes: { voice: 'Polly.Joanna', language: 'en-US' }, text: 'Hi Dana, this is Ava from Parley. Is now a good time?' });
    expect(child(doc, 'Redirect')).toMatchObject({ attributes: { method: 'POST' }, text: gather });
    expect(gather).toBe(`https://calls.example.com/api/v1/telephony/twilio/gather?tenant=${tenant}&call_id=${callId}&prompt=a1b2c3`);
  });

  it('hangup: the last words, then <Hangup/>; without words just the hang-up', () => {
    const doc = parseTwiml(phoneTurnTwiml(turn('hangup', 'Thanks for your time, goodbye!'), { gather }));
    expect(names(doc)).toEqual(['Say', 'Hangup']);
    expect(child(doc, 'Say').text).toBe('Thanks for your time, goodbye!');
    expect(names(parseTwiml(phoneTurnTwiml(turn('hangup', null), { gather })))).toEqual(['Hangup']);
  });

  it('stream: connects the call to its Media Stream with the ids as <Parameter>s', () => {
    const stream = { url: `wss://calls.example.com/api/v1/telephony/twilio/media/${tenant}/${callId}`, parameters: { tenant_id: tenant, call_id: callId } };
    const doc = parseTwiml(phoneTurnTwiml(turn('stream', null), { gather, stream }));
    expect(names(doc)).toEqual(['Connect']);
    expect(child(child(doc, 'Connect'), 'Stream').attributes.url).toBe(stream.url);
    expect(() => phoneTurnTwiml(turn('stream', null), { gather })).toThrow(/Media Stream/);
  });

  it('transfer: the escalation\'s TwiML is the answer', () => {
    const handoff = '<?xml version="1.0" encoding="UTF-8"?><Response><Say>Connecting you.</Say><Dial/></Response>';
    expect(phoneTurnTwiml(turn('transfer', 'Let me get a colleague.'), { gather, handoff })).toBe(handoff);
    expect(() => phoneTurnTwiml(turn('transfer', 'x'), { gather })).toThrow(/escalation/);
  });

  it('escapes what the agent says', () => {
    const doc = parseTwiml(phoneTurnTwiml(turn('gather', 'Plans start at <$49> & up'), { gather }));
    expect(child(child(doc, 'Gather'), 'Say').text).toBe('Plans start at <$49> & up');
  });

  it('speaks a faster or slower agent through SSML prosody (Polly and Google voices only)', () => {
    const doc = parseTwiml(phoneTurnTwiml(turn('hangup', 'Bye now', { ...polly, speed: 1.15 }), { gather }));
    const say = child(doc, 'Say');
    expect(say.attributes.voice).toBe('Polly.Joanna');
    expect(child(say, 'prosody')).toMatchObject({ attributes: { rate: '115%' }, text: 'Bye now' });
  });
});

describe('spokenVoiceOf', () => {
  it('uses a Twilio voice as it is, and leaves another provider\'s voice to Twilio\'s default', () => {
    expect(spokenVoiceOf(polly)).toEqual({ voice: 'Polly.Joanna', language: 'en-US', ratePercent: undefined });
    expect(spokenVoiceOf({ provider: 'twilio', voice_id: 'alice', speed: 1.3, language: 'en-GB' })).toEqual({ voice: 'alice', language: 'en-GB', ratePercent: undefined });
    expect(spokenVoiceOf({ provider: 'openai', voice_id: 'alloy', speed: 1, language: 'en-US' })).toEqual({ voice: undefined, language: 'en-US', ratePercent: undefined });
    expect(spokenVoiceOf({ provider: 'twilio', voice_id: 'Robot.Voice', speed: 1, language: 'en-US' }).voice).toBeUndefined();
  });
});
