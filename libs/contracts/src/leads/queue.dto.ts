import type { AgentStatus } from '../identity/agent.dto';
import type { LeadDto } from './lead.dto';

export interface QueueStatusDto {
  /** Open leads waiting to be worked (unclaimed, dialable, in no paused campaign). */
  queue_length: number;
  /** Agents whose last status (from identity's agent.status_changed) is ready or busy. */
  active_agents: number;
  /** Hot leads among the waiting ones. */
  priority_leads: number;
  claimed: number;
  agents: Array<{ agent_id: string; status: AgentStatus; claimed_leads: number; status_changed_at: string }>;
}

/** `GET /queue/next`: the lead is claimed for the caller until `claim_expires_at` (null when the queue is empty). */
export interface QueueNextDto {
  lead: LeadDto | null;
  claimed_at: string | null;
  claim_expires_at: string | null;
  queue_length: number;
}
