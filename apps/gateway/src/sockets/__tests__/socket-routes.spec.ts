import type { ConversationSummaryDto, DomainEvent, EventType } from '@parley/contracts';
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

  const conversation = { voice_call_id: 'v1', ai_agent_id: 'ag1', lead_id: 'l1' } as const;

  it('pushes interaction.added to the tenant room, the conversation room and the phone call room', () => {
    const data = {
      ...conversation, call_id: 'c1', turn: 2, speaker: 'caller', text: 'How much is it?', at: '2025-01-01T00:00:05.000Z',
      conversation_state: 'presentation', intent: 'pricing', latency: null,
    } as const;
    expect(routeEvent(event('interaction.added', data))).toEqual({
      event: 'interaction.added', rooms: ['tenant:tenant-1', 'tenant:tenant-1:call:v1', 'tenant:tenant-1:call:c1'], payload: data,
    });
  });

  it('pushes a chat conversation\'s events to the tenant room and the conversation room only', () => {
    const data = {
      ...conversation, call_id: null, turn: 3, sentiment: { score: -0.5, label: 'negative' }, previous: { score: 0.1, label: 'neutral' },
    } as const;
    expect(routeEvent(event('sentiment.changed', data))).toEqual({
      event: 'sentiment.changed', rooms: ['tenant:tenant-1', 'tenant:tenant-1:call:v1'], payload: data,
    });
  });

  it('pushes qa.score.updated with the score and the summary', () => {
    const summary: ConversationSummaryDto = {
      text: 'Booked a callback.', duration_seconds: 60, turns: 6, state_reached: 'closing', states_visited: ['greeting', 'closing'],
      objections: ['price'], objections_handled: ['price'], interest_signals: ['asked about pricing'],
      overall_sentiment: { score: 0.3, label: 'positive' }, outcome: 'callback_scheduled', recommendation: 'follow_up',
      callback_at: '2025-01-02T15:00:00.000Z',
    };
    const data = { ...conversation, call_id: 'c1', qa: { score: 82, criteria: { greeting: 1 } }, summary, sentiment: 0.3 };
    expect(routeEvent(event('qa.score.updated', data))).toEqual({
      event: 'qa.score.updated', rooms: ['tenant:tenant-1', 'tenant:tenant-1:call:v1', 'tenant:tenant-1:call:c1'], payload: data,
    });
  });

  it('routes nothing that is not on the allow-list', () => {
    expect(routeEvent(event('lead.score_changed', {
      lead_id: 'l1', previous_score: 0.1, score: 0.2, priority: 'cold', conversion_probability: 0.1, reason: 'activity',
    }))).toBeNull();
    expect(routeEvent(event('call.completed', { ...call, duration_seconds: 3, agent_id: null, ai_agent_id: null }))).toBeNull();
    expect(routeEvent(event('ai_agent.changed', { ai_agent_id: 'ag1', status: 'active', phone_number: null, change: 'status' }))).toBeNull();
  });
});
