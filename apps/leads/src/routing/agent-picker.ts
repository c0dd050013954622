import type { DefaultRoutingStrategy, RoutingActionType } from '@parley/contracts';

/** A ready agent, from the presence read model, with the open leads already assigned to them. */
export interface ReadyAgent {
  agent_id: string;
  open_leads: number;
  /** When the agent became ready: the longer ready, the fairer to hand the next lead to. */
  ready_since: Date;
}

export interface PickerAction {
  type: RoutingActionType;
  agent_id?: string | null;
  team?: string | null;
  agent_ids?: string[];
}

export interface AgentPick {
  agent_id: string | null;
  team: string | null;
  /** The round-robin position after this pick; null when the strategy does not use one. */
  next_cursor: number | null;
  reason: string;
}

/** Restricts the ready agents to `agent_ids` when the action lists them. */
function poolOf(agents: ReadyAgent[], agentIds: string[] | undefined): ReadyAgent[] {
  if (!agentIds || agentIds.length === 0) return agents;
  const allowed = new Set(agentIds);
  return agents.filter((a) => allowed.has(a.agent_id));
}

/** Fewest open leads; on a tie the one ready the longest, then by id so the answer is stable. */
function leastLoaded(pool: ReadyAgent[]): ReadyAgent | null {
  const sorted = [...pool].sort((a, b) =>
    a.open_leads - b.open_leads
    || a.ready_since.getTime() - b.ready_since.getTime()
    || a.agent_id.localeCompare(b.agent_id));
  return sorted[0] ?? null;
}

/**
 * Who gets the lead under `action`. `cursor` is this round robin's slot (already reserved by the
 * caller with an atomic increment, so replicas never share a slot); agents are taken in id order.
 */
export function pickAgent(action: PickerAction, readyAgents: ReadyAgent[], cursor: number): AgentPick {
  switch (action.type) {
    case 'assign_to_agent': {
      const agentId = action.agent_id ?? null;
      const ready = readyAgents.some((a) => a.agent_id === agentId);
      return {
        agent_id: agentId,
        team: action.team ?? null,
        next_cursor: null,
        reason: ready ? 'assigned to the rule\'s agent' : 'assigned to the rule\'s agent, who is not ready now',
      };
    }
    case 'assign_to_team': {
      const team = action.team ?? null;
      // A team is its listed members only: no members listed means nobody to pick.
      const members = action.agent_ids ?? [];
      const chosen = members.length > 0 ? leastLoaded(poolOf(readyAgents, members)) : null;
      return chosen
        ? { agent_id: chosen.agent_id, team, next_cursor: null, reason: `least loaded ready member of team ${team}` }
        : { agent_id: null, team, next_cursor: null, reason: `no member of team ${team} is ready; the team is recorded` };
    }
    case 'round_robin': {
      const pool = [...poolOf(readyAgents, action.agent_ids)].sort((a, b) => a.agent_id.localeCompare(b.agent_id));
      if (pool.length === 0) return { agent_id: null, team: action.team ?? null, next_cursor: null, reason: 'round robin: no agent is ready' };
      const slot = ((cursor % pool.length) + pool.length) % pool.length;
      return {
        agent_id: pool[slot].agent_id,
        team: action.team ?? null,
        next_cursor: cursor + 1,
        reason: `round robin: slot ${slot + 1} of ${pool.length} ready agents`,
      };
    }
    case 'least_busy': {
      const chosen = leastLoaded(poolOf(readyAgents, action.agent_ids));
      return chosen
        ? {
          agent_id: chosen.agent_id, team: action.team ?? null, next_cursor: null,
          reason: `least busy ready agent (${chosen.open_leads} open leads)`,
        }
        : { agent_id: null, team: action.team ?? null, next_cursor: null, reason: 'least busy: no agent is ready' };
    }
  }
}

/** The tenant default when no rule matched; `none` leaves the lead unassigned. */
export function pickDefault(strategy: DefaultRoutingStrategy, readyAgents: ReadyAgent[], cursor: number): AgentPick {
  if (strategy === 'none') {
    return { agent_id: null, team: null, next_cursor: null, reason: 'no rule matched and the tenant default routing is none' };
  }
  const pick = pickAgent({ type: strategy }, readyAgents, cursor);
  return { ...pick, reason: `no rule matched; tenant default: ${pick.reason}` };
}
