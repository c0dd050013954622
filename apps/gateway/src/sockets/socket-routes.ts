import {
  socketRooms, type DomainEvent, type DomainEvents, type EventType, type ServerToClientEvents,
} from '@parley/contracts';

export interface SocketDelivery {
  event: keyof ServerToClientEvents;
  rooms: string[];
  payload: unknown;
}

type Route<T extends EventType> = (event: DomainEvent<T>) => SocketDelivery;
type CallSocketEvent = 'call.started' | 'call.updated' | 'call.ended' | 'escalation.triggered' | 'escalation.completed';

/** A route that pushes the event to its tenant's room under `socketEvent`, with a payload picked from its data. */
function toTenantRoom<T extends EventType>(
  socketEvent: keyof ServerToClientEvents,
  payload: (data: DomainEvents[T]) => unknown,
): Route<T> {
  return (e) => ({ event: socketEvent, rooms: [socketRooms.tenant(e.tenant_id)], payload: payload(e.data) });
}

/**
 * A call event pushed under its own name to the tenant's room (dashboards) and to the call's room
 * (whoever follows that call), with a payload picked from its data.
 */
function toCallRooms<T extends CallSocketEvent>(
  payload: (data: DomainEvents[T]) => Parameters<ServerToClientEvents[T]>[0],
): Route<T> {
  return (e) => ({
    event: e.type,
    rooms: [socketRooms.tenant(e.tenant_id), socketRooms.call(e.tenant_id, e.data.call_id)],
    payload: payload(e.data),
  });
}

type ConversationSocketEvent = 'interaction.added' | 'sentiment.changed' | 'qa.score.updated';

/**
 * An AI conversation event pushed under its own name to the tenant's room, the room of the
 * conversation (subscribe to a `call` with the voice call's id: chats and web conversations have no
 * telephony call) and, for phone conversations, the telephony call's room.
 */
function toConversationRooms<T extends ConversationSocketEvent>(
  payload: (data: DomainEvents[T]) => Parameters<ServerToClientEvents[T]>[0],
): Route<T> {
  return (e) => {
    const { voice_call_id: conversation, call_id: call } = e.data;
    const rooms = [socketRooms.tenant(e.tenant_id), socketRooms.call(e.tenant_id, conversation)];
    if (call && call !== conversation) rooms.push(socketRooms.call(e.tenant_id, call));
    return { event: e.type, rooms, payload: payload(e.data) };
  };
}

/**
 * Which domain events reach sockets, under which name, in which rooms. An allow-list:
 * events that carry secrets (reset and invitation tokens) are never routed.
 */
const ROUTES: { [T in EventType]?: Route<T> } = {
  'agent.status_changed': toTenantRoom<'agent.status_changed'>('agent:status', (d) => ({
    agent_id: d.agent_id, status: d.status, timestamp: d.timestamp,
  })),
  'lead.created': toTenantRoom<'lead.created'>('lead:new', (d) => ({
    lead_id: d.lead_id, priority: d.priority, source: d.source,
  })),
  'call.started': toCallRooms<'call.started'>((d) => ({
    call_id: d.call_id, lead_id: d.lead_id, direction: d.direction, type: d.type, status: d.status,
    from_number: d.from_number, to_number: d.to_number, agent_id: d.agent_id, ai_agent_id: d.ai_agent_id,
  })),
  'call.updated': toCallRooms<'call.updated'>((d) => ({
    call_id: d.call_id, lead_id: d.lead_id, direction: d.direction, type: d.type, status: d.status,
    previous_status: d.previous_status, changes: d.changes,
  })),
  'call.ended': toCallRooms<'call.ended'>((d) => ({
    call_id: d.call_id, lead_id: d.lead_id, direction: d.direction, type: d.type, status: d.status,
    duration_seconds: d.duration_seconds, agent_id: d.agent_id, ai_agent_id: d.ai_agent_id, sentiment: d.sentiment, outcome: d.outcome,
  })),
  'escalation.triggered': toCallRooms<'escalation.triggered'>((d) => ({
    escalation_id: d.escalation_id, call_id: d.call_id, lead_id: d.lead_id, agent_id: d.agent_id, status: d.status,
    selected_by: d.selected_by, reason: d.reason, summary: d.summary,
  })),
  'escalation.completed': toCallRooms<'escalation.completed'>((d) => ({
    escalation_id: d.escalation_id, call_id: d.call_id, lead_id: d.lead_id, agent_id: d.agent_id, outcome: d.outcome,
    duration_seconds: d.duration_seconds,
  })),
  'interaction.added': toConversationRooms<'interaction.added'>((d) => ({
    voice_call_id: d.voice_call_id, ai_agent_id: d.ai_agent_id, call_id: d.call_id, lead_id: d.lead_id, turn: d.turn,
    speaker: d.speaker, text: d.text, at: d.at, conversation_state: d.conversation_state, intent: d.intent, latency: d.latency,
  })),
  'sentiment.changed': toConversationRooms<'sentiment.changed'>((d) => ({
    voice_call_id: d.voice_call_id, ai_agent_id: d.ai_agent_id, call_id: d.call_id, lead_id: d.lead_id,
    sentiment: d.sentiment, previous: d.previous, turn: d.turn,
  })),
  'qa.score.updated': toConversationRooms<'qa.score.updated'>((d) => ({
    voice_call_id: d.voice_call_id, ai_agent_id: d.ai_agent_id, call_id: d.call_id, lead_id: d.lead_id,
    qa: d.qa, summary: d.summary, sentiment: d.sentiment,
  })),
  'queue.updated': toTenantRoom<'queue.updated'>('queue:update', (d) => ({
    queue_length: d.queue_length, active_agents: d.active_agents, priority_leads: d.priority_leads,
  })),
};

export function routeEvent(event: DomainEvent): SocketDelivery | null {
  const route = ROUTES[event.type] as Route<EventType> | undefined;
  return route ? route(event) : null;
}
