import type { CallEvents, CallStatus } from '@parley/contracts';
import { isEndStatus } from './call-status-progression';
import type { CallEntity } from './call.entity';

/** An event type and its payload, ready for `uow.emit`. */
export type CallEvent = { [T in keyof CallEvents]: { type: T; data: CallEvents[T] } }[keyof CallEvents];

function callRef(call: CallEntity) {
  return { call_id: call.id, lead_id: call.leadId, direction: call.direction, type: call.type };
}

export function callStartedEvent(call: CallEntity): CallEvent {
  return {
    type: 'call.started',
    data: {
      ...callRef(call), status: call.status, from_number: call.fromNumber, to_number: call.toNumber,
      agent_id: call.agentId, ai_agent_id: call.aiAgentId,
    },
  };
}

export function callUpdatedEvent(call: CallEntity, previousStatus: CallStatus | null, changes: string[]): CallEvent {
  return { type: 'call.updated', data: { ...callRef(call), status: call.status, previous_status: previousStatus, changes } };
}

/** call.ended, then call.completed or call.failed, for a call that just reached an end status. */
export function callEndEvents(call: CallEntity): CallEvent[] {
  const status = call.status;
  if (!isEndStatus(status)) return [];
  const duration = call.durationSeconds ?? 0;
  const ended: CallEvent = {
    type: 'call.ended',
    data: {
      ...callRef(call), status, duration_seconds: duration, agent_id: call.agentId, ai_agent_id: call.aiAgentId,
      sentiment: call.sentiment, outcome: call.outcome,
    },
  };
  const result: CallEvent = status === 'completed'
    ? { type: 'call.completed', data: { ...callRef(call), duration_seconds: duration, agent_id: call.agentId, ai_agent_id: call.aiAgentId } }
    : { type: 'call.failed', data: { ...callRef(call), status, reason: call.endReason } };
  return [ended, result];
}
