/** An available agent and how many live calls they are on. */
export interface AgentLoad {
  agentId: string;
  liveCalls: number;
}

/**
 * The agent with the fewest live calls; on a tie the first in the given order (identity lists
 * available agents ready the longest first, so waiting is shared fairly). Null for nobody.
 */
export function leastBusyAgent(agents: readonly AgentLoad[]): AgentLoad | null {
  let best: AgentLoad | null = null;
  for (const agent of agents) if (best === null || agent.liveCalls < best.liveCalls) best = agent;
  return best;
}
