import type { DomainEvent, EventType } from '@parley/contracts';
import { routeEvent } from '../socket-routes';

function event<T extends EventType>(type: T, data: DomainEvent<T>['data']): DomainEvent<T> {
  return { id: 'e1', type, tenant_id: 'tenant-1', occurred_at: '2025-01-01T00:00:00.000Z', actor_id: null, request_id: null, data } as DomainEvent<T>;
}

describe('which events reach sockets', () => {
  it('pushes lead.created as lead:new to the tenant room, with only the public fields', () => {
    const delivery = routeEvent(event('lead.created', {
      lead_id: 'l1', name: 'Ada', source: 'webinar', status: 'new', priority: 'warm', score: 0.5, campaign_id: null, assigned_to: null,
    }));
    expect(delivery).toEqual({ event: 'lead:new', rooms: ['tenant:tenant-1'], payload: { lead_id: 'l1', priority: 'warm', source: 'webinar' } });
  });

  it('pushes queue.updated as queue:update to the tenant room', () => {
    const delivery = routeEvent(event('queue.updated', { queue_length: 4, active_agents: 2, priority_leads: 1 }));
    expect(delivery).toEqual({ event: 'queue:update', rooms: ['tenant:tenant-1'], payload: { queue_length: 4, active_agents: 2, priority_leads: 1 } });
  });

  it('routes nothing that is not on the allow-list', () => {
    expect(routeEvent(event('lead.score_changed', {
      lead_id: 'l1', previous_score: 0.1, score: 0.2, priority: 'cold', conversion_probability: 0.1, reason: 'activity',
    }))).toBeNull();
  });
});
