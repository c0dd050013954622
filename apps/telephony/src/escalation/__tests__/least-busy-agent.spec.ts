import { leastBusyAgent } from '../least-busy-agent';

describe('the least busy agent', () => {
  it('takes the fewest live calls, and on a tie the first listed (ready the longest)', () => {
    expect(leastBusyAgent([{ agentId: 'a', liveCalls: 2 }, { agentId: 'b', liveCalls: 0 }, { agentId: 'c', liveCalls: 0 }]))
      .toEqual({ agentId: 'b', liveCalls: 0 });
    expect(leastBusyAgent([{ agentId: 'a', liveCalls: 1 }, { agentId: 'b', liveCalls: 1 }])?.agentId).toBe('a');
  });

  it('is nobody when nobody is available', () => {
    expect(leastBusyAgent([])).toBeNull();
  });
});
