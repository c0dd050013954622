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

  const call = { call_id: 'c1', lead_id: 'l1', direction: 'outbound', type: 'phone' } as const;

  it('pushes call.started to the tenant room and the call room', () => {
    const delivery = routeEvent(event('call.started', {
      ...call, status: 'queued', from_number: '+14155550100', to_number: '+14155550111', agent_id: null, ai_agent_id: 'a1',
    }));
    expect(delivery).toEqual({
      event: 'call.started',
      rooms: ['tenant:tenant-1', 'tenant:tenant-1:call:c1'],
      payload: { ...call, status: 'queued', from_number: '+14155550100', to_number: '+14155550111', agent_id: null, ai_agent_id: 'a1' },
    });
  });

  it('pushes call.updated with the status move to the tenant room and the call room', () => {
    const delivery = routeEvent(event('call.updated', { ...call, status: 'in_progress', previous_status: 'ringing', changes: ['status'] }));
    expect(delivery).toEqual({
      event: 'call.updated',
      rooms: ['tenant:tenant-1', 'tenant:tenant-1:call:c1'],
      payload: { ...call, status: 'in_progress', previous_status: 'ringing', changes: ['status'] },
    });
  });

  it('pushes call.ended with the outcome to the tenant room and the call room', () => {
    const data = { ...call, status: 'completed', duration_seconds: 42, agent_id: null, ai_agent_id: null, sentiment: 0.4, outcome: 'interested' } as const;
    expect(routeEvent(event('call.ended', data))).toEqual({
      event: 'call.ended', rooms: ['tenant:tenant-1', 'tenant:tenant-1:call:c1'], payload: data,
    });
  });

  it('pushes escalation.triggered and escalation.completed to the tenant room and the call room', () => {
    const triggered = {
      escalation_id: 'x1', call_id: 'c1', lead_id: 'l1', agent_id: 'a1', status: 'dialing', selected_by: 'routing',
      reason: 'asked for a human', summary: 'wants a refund',
    } as const;
    expect(routeEvent(event('escalation.triggered', triggered))).toEqual({
      event: 'escalation.triggered', rooms: ['tenant:tenant-1', 'tenant:tenant-1:call:c1'], payload: triggered,
    });
    const completed = { escalation_id: 'x1', call_id: 'c1', lead_id: 'l1', agent_id: 'a1', outcome: 'connected', duration_seconds: 95 } as const;
    expect(routeEvent(event('escalation.completed', completed))).toEqual({
      event: 'escalation.completed', rooms: ['tenant:tenant-1', 'tenant:tenant-1:call:c1'], payload: completed,
    });
  });

  it('routes nothing that is not on the allow-list', () => {
    expect(routeEvent(event('lead.score_changed', {
      lead_id: 'l1', previous_score: 0.1, score: 0.2, priority: 'cold', conversion_probability: 0.1, reason: 'activity',
    }))).toBeNull();
    expect(routeEvent(event('call.completed', { ...call, duration_seconds: 3, agent_id: null, ai_agent_id: null }))).toBeNull();
  });
});
