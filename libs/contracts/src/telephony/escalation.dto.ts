import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

/** `POST /calls/:id/escalate`: hand a live call to a human agent (warm transfer), or to the human queue. */
export class EscalateCallDto {
  /** Why the call is escalated (shown to the agent and in escalation.triggered). */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(500)
  reason?: string;

  /** A human agent to transfer to; used when that agent is available, else routing decides. */
  @IsOptional() @IsUUID('all')
  agent_id?: string;

  /** What the agent should know before picking up (the AI's summary of the conversation so far). */
  @IsOptional() @IsString() @MaxLength(4000)
  summary?: string;
}

export class EscalateCallRequest extends EscalateCallDto {
  @IsUUID('all', { message: 'id must be a UUID' })
  call_id: string;
}

/**
 * `dialing`: the agent's softphone rings, then they talk with the caller; `queued`: the caller holds
 * in the tenant's human queue; `completed`: the transfer is over (see its outcome).
 */
export const ESCALATION_STATUSES = ['dialing', 'queued', 'completed'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

/**
 * How a transfer ended. `connected`: a human talked with the caller (the agent answered, or the
 * caller was bridged out of the queue); `no_answer`, `busy`, `failed`, `canceled`: the agent's
 * softphone did not take the call; `abandoned`: the caller hung up first; `left`: the caller left
 * the queue by other means (redirected elsewhere).
 */
export const ESCALATION_OUTCOMES = ['connected', 'no_answer', 'busy', 'failed', 'canceled', 'abandoned', 'left'] as const;
export type EscalationOutcome = (typeof ESCALATION_OUTCOMES)[number];

/** Who chose the agent: the request's agent_id, leads' routing rules, or the least busy available agent. */
export const ESCALATION_SELECTIONS = ['request', 'routing', 'least_busy'] as const;
export type EscalationSelection = (typeof ESCALATION_SELECTIONS)[number];

export interface EscalationDto {
  id: string;
  call_id: string;
  lead_id: string | null;
  status: EscalationStatus;
  /** The agent dialed; null while the caller waits in the human queue. */
  agent_id: string | null;
  /** The Twilio Client identity dialed (the agent's softphone registers with it). */
  agent_client_identity: string | null;
  selected_by: EscalationSelection | null;
  /** Routing rule that chose the agent (`default` when leads' default strategy did). */
  routing_rule_applied: string | null;
  /** How the agent was chosen, or why nobody was. */
  selection_reason: string;
  reason: string | null;
  summary: string | null;
  /** The Twilio queue the caller waits in (queued escalations). */
  queue_name: string | null;
  /** 1 = next to be answered; Twilio's QueuePosition once its wait webhook reported one. */
  queue_position: number | null;
  outcome: EscalationOutcome | null;
  requested_by: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

/**
 * The Twilio Client identity of a human agent's softphone: Twilio allows letters, digits and
 * underscores in identities, so the user id's dashes become underscores.
 */
export function agentClientIdentity(agentId: string): string {
  return `agent_${agentId.replace(/-/g, '_')}`;
}
