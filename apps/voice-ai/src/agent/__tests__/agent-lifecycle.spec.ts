import { moveAgent } from '../agent-lifecycle';

describe('moveAgent', () => {
  it('activates drafts and paused agents', () => {
    expect(moveAgent('draft', 'activate')).toEqual({ ok: true, to: 'active' });
    expect(moveAgent('paused', 'activate')).toEqual({ ok: true, to: 'active' });
  });

  it('pauses only an active agent', () => {
    expect(moveAgent('active', 'pause')).toEqual({ ok: true, to: 'paused' });
    expect(moveAgent('paused', 'pause')).toEqual({ ok: false, reason: 'the agent is already paused' });
    expect(moveAgent('draft', 'pause')).toMatchObject({ ok: false, reason: expect.stringContaining('draft') });
  });

  it('refuses to activate an active agent', () => {
    expect(moveAgent('active', 'activate')).toEqual({ ok: false, reason: 'the agent is already active' });
  });

  it('deploys from any status', () => {
    for (const from of ['draft', 'active', 'paused'] as const) expect(moveAgent(from, 'deploy')).toEqual({ ok: true, to: 'active' });
  });
});
