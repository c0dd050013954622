import { summarizeAgentStatuses } from '../agent-stats';

describe('summarizeAgentStatuses', () => {
  it('reports every status, zero when nobody is in it', () => {
    expect(summarizeAgentStatuses([])).toEqual({
      total: 0, by_status: { ready: 0, busy: 0, offline: 0, break: 0 }, available: 0,
    });
  });

  it('totals the counts and calls ready agents available', () => {
    expect(summarizeAgentStatuses([{ status: 'ready', count: 2 }, { status: 'offline', count: 3 }, { status: 'break', count: 1 }]))
      .toEqual({ total: 6, by_status: { ready: 2, busy: 0, offline: 3, break: 1 }, available: 2 });
  });
});
