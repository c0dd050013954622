import { pickAgent, pickDefault, type ReadyAgent } from '../agent-picker';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 9, minute));
const a = 'aaaaaaaa-0000-4000-8000-000000000001';
const b = 'bbbbbbbb-0000-4000-8000-000000000002';
const c = 'cccccccc-0000-4000-8000-000000000003';
const ready: ReadyAgent[] = [
  { agent_id: c, open_leads: 1, ready_since: at(5) },
  { agent_id: a, open_leads: 3, ready_since: at(1) },
  { agent_id: b, open_leads: 1, ready_since: at(2) },
];

describe('pickAgent', () => {
  it('assign_to_agent gives the rule\'s agent, saying when they are not ready', () => {
    expect(pickAgent({ type: 'assign_to_agent', agent_id: a }, ready, 0)).toMatchObject({ agent_id: a, reason: 'assigned to the rule\'s agent' });
    const away = 'dddddddd-0000-4000-8000-000000000004';
    expect(pickAgent({ type: 'assign_to_agent', agent_id: away }, ready, 0)).toMatchObject({ agent_id: away, reason: expect.stringMatching(/not ready/) });
  });

  it('assign_to_team gives the least loaded ready member, else records only the team', () => {
    expect(pickAgent({ type: 'assign_to_team', team: 'enterprise', agent_ids: [a, c] }, ready, 0))
      .toMatchObject({ agent_id: c, team: 'enterprise' });
    expect(pickAgent({ type: 'assign_to_team', team: 'enterprise', agent_ids: ['eeeeeeee-0000-4000-8000-000000000005'] }, ready, 0))
      .toEqual({ agent_id: null, team: 'enterprise', next_cursor: null, reason: 'no member of team enterprise is ready; the team is recorded' });
    expect(pickAgent({ type: 'assign_to_team', team: 'empty' }, ready, 0)).toMatchObject({ agent_id: null, team: 'empty' });
  });

  it('round_robin walks the ready agents in id order from the cursor, wrapping', () => {
    const picks = [0, 1, 2, 3, 4].map((cursor) => pickAgent({ type: 'round_robin' }, ready, cursor));
    expect(picks.map((p) => p.agent_id)).toEqual([a, b, c, a, b]);
    expect(picks.map((p) => p.next_cursor)).toEqual([1, 2, 3, 4, 5]);
    expect(pickAgent({ type: 'round_robin', agent_ids: [a, c] }, ready, 1).agent_id).toBe(c);
    expect(pickAgent({ type: 'round_robin' }, [], 7)).toMatchObject({ agent_id: null, reason: 'round robin: no agent is ready' });
  });

  it('least_busy takes the fewest open leads, then the one ready the longest', () => {
    expect(pickAgent({ type: 'least_busy' }, ready, 0).agent_id).toBe(b);
    expect(pickAgent({ type: 'least_busy', agent_ids: [a, c] }, ready, 0).agent_id).toBe(c);
    expect(pickAgent({ type: 'least_busy' }, [], 0).agent_id).toBeNull();
  });
});

describe('pickDefault', () => {
  it('applies the tenant default strategy, or nobody for none', () => {
    expect(pickDefault('least_busy', ready, 0)).toMatchObject({ agent_id: b, reason: expect.stringMatching(/^no rule matched; tenant default: least busy/) });
    expect(pickDefault('round_robin', ready, 2)).toMatchObject({ agent_id: c, next_cursor: 3 });
    expect(pickDefault('none', ready, 0)).toMatchObject({ agent_id: null, team: null });
  });
});
