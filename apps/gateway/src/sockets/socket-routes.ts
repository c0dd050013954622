import { socketRooms, type DomainEvent, type EventType, type ServerToClientEvents } from '@parley/contracts';

export interface SocketDelivery {
  event: keyof ServerToClientEvents;
  rooms: string[];
  payload: unknown;
}

type Route = (event: DomainEvent) => SocketDelivery;

/**
 * Which domain events reach sockets, under which name, in which rooms. An allow-list:
 * events that carry secrets (reset and invitation tokens) are never routed.
 */
const ROUTES: Partial<Record<EventType, Route>> = {
  'agent.status_changed': (e) => {
    const data = e.data as DomainEvent<'agent.status_changed'>['data'];
    return {
      event: 'agent:status',
      rooms: [socketRooms.tenant(e.tenant_id)],
      payload: { agent_id: data.agent_id, status: data.status, timestamp: data.timestamp },
    };
  },
  'lead.created': (e) => {
    const data = e.data as DomainEvent<'lead.created'>['data'];
    return {
      event: 'lead:new',
      rooms: [socketRooms.tenant(e.tenant_id)],
      payload: { lead_id: data.lead_id, priority: data.priority, source: data.source },
    };
  },
  'queue.updated': (e) => {
    const data = e.data as DomainEvent<'queue.updated'>['data'];
    return {
      event: 'queue:update',
      rooms: [socketRooms.tenant(e.tenant_id)],
      payload: { queue_length: data.queue_length, active_agents: data.active_agents, priority_leads: data.priority_leads },
    };
  },
};

export function routeEvent(event: DomainEvent): SocketDelivery | null {
  const route = ROUTES[event.type];
  return route ? route(event) : null;
}
