import { connect, JSONCodec, type NatsConnection, type Subscription } from 'nats';
import {
  IdentitySubjects, LeadsSubjects, type AgentDto, type Envelope, type RouteLeadDto, type RoutingDecisionDto,
} from '@parley/contracts';

const codec = JSONCodec<unknown>();

/**
 * Plays identity's `identity.agent.available` and leads' `leads.routing.route` on the test's
 * subject prefix (Nest's NATS packet format), so escalation tests choose agents without booting
 * identity and leads: per tenant, who is ready, what routing decides, and a tenant whose identity
 * never answers. The real services answer in the gateway's end-to-end tests.
 */
export interface AgentDirectoryResponder {
  /** Routing requests received, with their tenant. */
  routings: Array<{ tenant_id: string | null; request: RouteLeadDto }>;
  setReady(tenantId: string, agents: Array<{ id: string; active_calls?: number }>): void;
  routeTo(tenantId: string, leadId: string, agentId: string | null, rule?: string): void;
  /** Identity stays silent for the tenant (its requests time out). */
  unreachable(tenantId: string): void;
  close(): Promise<void>;
}

interface Packet<T> {
  id: string;
  data: Envelope<T>;
}

export async function startAgentDirectoryResponder(natsUrl: string, prefix: string): Promise<AgentDirectoryResponder> {
  const nc: NatsConnection = await connect({ servers: natsUrl });
  const ready = new Map<string, AgentDto[]>();
  const routes = new Map<string, { agentId: string | null; rule: string | null }>();
  const silent = new Set<string>();
  const routings: AgentDirectoryResponder['routings'] = [];
  const subscriptions: Subscription[] = [];

  const serve = <T>(subject: string, queue: string, answer: (packet: Packet<T>) => unknown) => {
    const subscription = nc.subscribe(`${prefix}${subject}`, { queue });
    subscriptions.push(subscription);
    void (async () => {
      for await (const msg of subscription) {
        const packet = codec.decode(msg.data) as Packet<T>;
        const response = answer(packet);
        if (response !== undefined) msg.respond(codec.encode({ id: packet.id, response, isDisposed: true }));
      }
    })();
  };

  serve<Record<string, never>>(IdentitySubjects.availableAgents, 'identity', ({ data }) => {
    const tenantId = data.ctx.tenant_id ?? '';
    return silent.has(tenantId) ? undefined : ready.get(tenantId) ?? [];
  });

  serve<RouteLeadDto>(LeadsSubjects.routeLead, 'leads', ({ data }) => {
    routings.push({ tenant_id: data.ctx.tenant_id, request: data.data });
    const route = routes.get(`${data.ctx.tenant_id}|${data.data.lead_id}`);
    const decision: RoutingDecisionDto = {
      lead_id: data.data.lead_id,
      agent_id: route?.agentId ?? null,
      team: null,
      routing_rule_applied: route ? route.rule : null,
      routing_rule_id: null,
      reason: route?.agentId ? 'matched the test rule' : 'no agent is ready',
      assigned: false,
    };
    return decision;
  });

  return {
    routings,
    setReady(tenantId, agents) {
      ready.set(tenantId, agents.map((agent, i) => ({
        id: agent.id, email: `agent${i}@parley.test`, name: `Agent ${i}`, role: 'agent', status: 'ready',
        status_changed_at: new Date(Date.now() - (agents.length - i) * 1000).toISOString(), active_calls: agent.active_calls ?? 0,
      })));
    },
    routeTo(tenantId, leadId, agentId, rule = 'test rule') {
      routes.set(`${tenantId}|${leadId}`, { agentId, rule });
    },
    unreachable(tenantId) {
      silent.add(tenantId);
    },
    async close() {
      for (const subscription of subscriptions) subscription.unsubscribe();
      await nc.drain();
    },
  };
}
