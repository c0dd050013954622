import { SETUP_STEPS } from '@parley/contracts';
import { runSetupSaga, type SetupStepPlan } from '../setup-saga';

const describe_ = (error: unknown) => ({ code: 'FAILED', message: (error as Error).message });

describe('runSetupSaga', () => {
  it('applies every step in order and skips those not asked for', async () => {
    const order: string[] = [];
    const plans: SetupStepPlan[] = [
      { step: 'business', apply: async () => { order.push('business'); return { ids: ['b1'], undo: async () => undefined }; } },
      { step: 'agents', apply: async () => { order.push('agents'); return { ids: ['a1', 'a2'], undo: async () => undefined }; } },
    ];
    const result = await runSetupSaga([...SETUP_STEPS], plans, describe_);
    expect(order).toEqual(['business', 'agents']);
    expect(result).toEqual({
      success: true,
      steps: [
        { step: 'api_config.openai', status: 'skipped', ids: [], error: null },
        { step: 'api_config.twilio', status: 'skipped', ids: [], error: null },
        { step: 'business', status: 'applied', ids: ['b1'], error: null },
        { step: 'knowledge', status: 'skipped', ids: [], error: null },
        { step: 'agents', status: 'applied', ids: ['a1', 'a2'], error: null },
      ],
    });
  });

  it('undoes applied steps in reverse when one fails, and reports what could not be undone', async () => {
    const undone: string[] = [];
    const plans: SetupStepPlan[] = [
      { step: 'api_config.openai', apply: async () => ({ ids: [], undo: async () => { undone.push('openai'); } }) },
      {
        step: 'api_config.twilio',
        apply: async () => ({ ids: [], undo: async () => { undone.push('twilio'); return { undone: false, note: { code: 'NOT_REVERSIBLE', message: 'stays' } }; } }),
      },
      { step: 'business', apply: async () => ({ ids: ['b1'], undo: async () => { undone.push('business'); throw new Error('identity down'); } }) },
      { step: 'knowledge', apply: async () => { throw new Error('knowledge did not answer'); } },
      { step: 'agents', apply: async () => { throw new Error('never reached'); } },
    ];
    const result = await runSetupSaga([...SETUP_STEPS], plans, describe_);
    expect(undone).toEqual(['business', 'twilio', 'openai']);
    expect(result.success).toBe(false);
    expect(result.steps).toEqual([
      { step: 'api_config.openai', status: 'rolled_back', ids: [], error: null },
      { step: 'api_config.twilio', status: 'applied', ids: [], error: { code: 'NOT_REVERSIBLE', message: 'stays' } },
      { step: 'business', status: 'applied', ids: ['b1'], error: { code: 'ROLLBACK_FAILED', message: 'could not be undone: identity down' } },
      { step: 'knowledge', status: 'failed', ids: [], error: { code: 'FAILED', message: 'knowledge did not answer' } },
      { step: 'agents', status: 'skipped', ids: [], error: null },
    ]);
  });
});
