import {
  socketRooms, type DomainEvent, type DomainEvents, type EventType, type ServerToClientEvents,
} from '@parley/contracts';

export interface SocketDelivery {
  event: keyof ServerToClientEvents;
  rooms: string[];
  payload: unknown;
}

type Route<T extends EventType> = (event: DomainEvent<T>) => SocketDelivery;

/** A route that pushes the event to its tenant's room under `socketEvent`, with a payload picked from its data. */
function toTenantRoom<T extends EventType>(
  socketEvent: keyof ServerToClientEvents,
  payload: (data: DomainEvents[T]) => unknown,
): Route<T> {
  return (e) => ({ event: socketEvent, rooms: [socketRooms.tenant(e.tenant_id)], payload: payload(e.data) });
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
  'queue.updated': toTenantRoom<'queue.updated'>('queue:update', (d) => ({
    queue_length: d.queue_length, active_agents: d.active_agents, priority_leads: d.priority_leads,
  })),
};

export function routeEvent(event: DomainEvent): SocketDelivery | null {
  const route = ROUTES[event.type] as Route<EventType> | undefined;
  return route ? route(event) : null;
}
