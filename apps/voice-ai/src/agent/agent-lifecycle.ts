import type { AiAgentStatus } from '@parley/contracts';

/** What a user can do to an agent's status. */
export type AgentMove = 'activate' | 'pause' | 'deploy';

export type AgentMoveResult = { ok: true; to: AiAgentStatus } | { ok: false; reason: string };

/**
 * draft → active ⇄ paused. Deploying binds a number and activates from any status (a paused
 * agent comes back on its new number); a move to where the agent already is, or pausing a draft
 * that never ran, is refused so the caller learns the state it assumed is wrong.
 */
export function moveAgent(from: AiAgentStatus, move: AgentMove): AgentMoveResult {
  switch (move) {
    case 'deploy':
      return { ok: true, to: 'active' };
    case 'activate':
      return from === 'active' ? { ok: false, reason: 'the agent is already active' } : { ok: true, to: 'active' };
    case 'pause':
      if (from === 'active') return { ok: true, to: 'paused' };
      return {
        ok: false,
        reason: from === 'paused' ? 'the agent is already paused' : 'a draft agent is not running: activate or deploy it first',
      };
  }
}
