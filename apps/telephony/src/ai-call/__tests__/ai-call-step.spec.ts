import type { CallEntity } from '../../call/call.entity';
import { aiCallOf, machineStep, speechStep } from '../ai-call-step';

const call = (fields: Partial<CallEntity>): CallEntity => ({
  id: 'c-1', aiAgentId: 'a-1', leadId: null, direction: 'inbound', status: 'in_progress', fromNumber: '+14155550142',
  toNumber: '+12015550100', providerCallId: 'CA1', ...fields,
} as CallEntity);

describe('AI call steps', () => {
  it('knows a live call an AI agent holds, and who is on the other end', () => {
    expect(aiCallOf(call({}))).toEqual({
      id: 'c-1', aiAgentId: 'a-1', leadId: null, direction: 'inbound', remoteNumber: '+14155550142', providerCallId: 'CA1',
    });
    expect(aiCallOf(call({ direction: 'outbound', leadId: 'l-1' }))).toMatchObject({ remoteNumber: '+12015550100', leadId: 'l-1' });
    expect(aiCallOf(call({ aiAgentId: null }))).toBeNull();
    expect(aiCallOf(call({ status: 'completed' }))).toBeNull();
  });

  it('reads what the caller said, silence as empty text, keypresses when there was no speech', () => {
    const ai = aiCallOf(call({}))!;
    expect(speechStep(ai, { SpeechResult: ' How much is it? ', Confidence: '0.87' })).toEqual({ kind: 'speech', call: ai, text: 'How much is it?', confidence: 0.87 });
    expect(speechStep(ai, {})).toEqual({ kind: 'speech', call: ai, text: '', confidence: null });
    expect(speechStep(ai, { Digits: '0', Confidence: 'n/a' })).toMatchObject({ text: '0', confidence: null });
  });

  it('leaves a voicemail only for a machine', () => {
    const ai = aiCallOf(call({ direction: 'outbound' }))!;
    expect(machineStep(ai, { AnsweredBy: 'machine_end_beep' })).toEqual({ kind: 'machine', call: ai, answeredBy: 'machine_end_beep' });
    expect(machineStep(ai, { AnsweredBy: 'human' })).toBeNull();
    expect(machineStep(ai, { AnsweredBy: 'unknown' })).toBeNull();
    expect(machineStep(ai, {})).toBeNull();
  });
});
