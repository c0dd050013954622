import { AckPolicy, DeliverPolicy, JSONCodec, type NatsConnection } from 'nats';
import { eventSubject, ErrorCode, IdentitySubjects as S, type DomainEvent } from '@parley/contracts';
import { eventStreamName } from '@parley/platform';
import { bootIdentity, ctxOf, registerUser, type IdentityHarness, type RegisteredUser } from './support/identity-harness';

describe('identity human agents (NATS, Postgres)', () => {
  let h: IdentityHarness;
  let owner: RegisteredUser;
  let agentA: RegisteredUser;
  let agentB: RegisteredUser;
  let tenantId: string;

  /** Joins `user` to the owner's tenant as an agent and returns their context there. */
  async function joinAsAgent(user: RegisteredUser): Promise<RegisteredUser> {
    await h.bus.send(S.addMember, { id: tenantId, email: user.email, role: 'agent' }, owner.ctx);
    const pair = await h.bus.send(S.switchTenant, { id: tenantId }, user.ctx);
    return { ...user, pair, ctx: ctxOf(pair) };
  }

  beforeAll(async () => {
    h = await bootIdentity();
    owner = await registerUser(h.bus, { name: 'Zed Owner' });
    tenantId = owner.pair.user.tenant_id;
    agentA = await joinAsAgent(await registerUser(h.bus, { name: 'Ann Agent' }));
    agentB = await joinAsAgent(await registerUser(h.bus, { name: 'Ben Agent' }));
  });

  afterAll(async () => {
    await h?.close();
  });

  it('lists the tenant members as agents, paginated and searchable', async () => {
    const page = await h.bus.send(S.listAgents, { page: 1, per_page: 2 }, owner.ctx);
    expect(page).toMatchObject({ total: 3, page: 1, per_page: 2, total_pages: 2 });
    expect(page.data).toHaveLength(2);
    const second = await h.bus.send(S.listAgents, { page: 2, per_page: 2 }, owner.ctx);
    expect(second.data).toHaveLength(1);
    const ids = [...page.data, ...second.data].map((a) => a.id).sort();
    expect(ids).toEqual([owner.pair.user.id, agentA.pair.user.id, agentB.pair.user.id].sort());

    const found = await h.bus.send(S.listAgents, { search: 'ann' }, owner.ctx);
    expect(found.data.map((a) => a.id)).toEqual([agentA.pair.user.id]);
    expect(found.data[0]).toMatchObject({ email: agentA.email, name: 'Ann Agent', role: 'agent', status: 'offline', active_calls: 0 });
  });

  it('validates paging (per_page at most 100)', async () => {
    await expect(h.bus.send(S.listAgents, { per_page: 500 }, owner.ctx)).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
  });

  it('sets my status, emitting agent.status_changed only on a change, and publishes it to JetStream', async () => {
    const subject = `${h.iso.prefix}${eventSubject('agent.status_changed')}`;
    const consumer = await ephemeralConsumer(h.bus.nc, eventStreamName(h.iso.prefix), subject);

    const ready = await h.bus.send(S.setAgentStatus, { status: 'ready' }, agentA.ctx);
    expect(ready).toMatchObject({ id: agentA.pair.user.id, status: 'ready' });
    await h.bus.send(S.setAgentStatus, { status: 'ready' }, agentA.ctx); // no change, no event
    await h.bus.send(S.setAgentStatus, { status: 'break' }, agentA.ctx);

    const events = (await h.outbox('agent.status_changed')).filter((e) => e.data.agent_id === agentA.pair.user.id);
    expect(events.map((e) => [e.data.previous_status, e.data.status])).toEqual([['offline', 'ready'], ['ready', 'break']]);
    expect(events[0]).toMatchObject({ tenant_id: tenantId, actor_id: agentA.pair.user.id });

    const received = await consumer.next(2);
    expect(received.map((e) => [e.type, e.tenant_id, e.data.status])).toEqual([
      ['agent.status_changed', tenantId, 'ready'],
      ['agent.status_changed', tenantId, 'break'],
    ]);
  });

  it('lists available agents and counts agents by status', async () => {
    await h.bus.send(S.setAgentStatus, { status: 'ready' }, agentB.ctx);
    await h.bus.send(S.setAgentStatus, { status: 'busy' }, owner.ctx);
    await h.bus.send(S.setAgentStatus, { status: 'break' }, agentA.ctx);
    const available = await h.bus.send(S.availableAgents, {}, owner.ctx);
    expect(available.map((a) => a.id)).toEqual([agentB.pair.user.id]);
    const stats = await h.bus.send(S.agentStats, {}, owner.ctx);
    expect(stats).toEqual({ total: 3, by_status: { ready: 1, busy: 1, offline: 0, break: 1 }, available: 1 });
  });

  it('gets an agent by user id and reports usage from the call read model', async () => {
    const agent = await h.bus.send(S.getAgent, { id: agentB.pair.user.id }, owner.ctx);
    expect(agent).toMatchObject({ id: agentB.pair.user.id, email: agentB.email, role: 'agent' });
    await h.sql('UPDATE memberships SET active_calls = 2, escalations_handled = 5 WHERE tenant_id = $1 AND user_id = $2', [
      tenantId, agentB.pair.user.id,
    ]);
    const usage = await h.bus.send(S.agentUsage, { id: agentB.pair.user.id }, owner.ctx);
    expect(usage).toEqual({ agent_id: agentB.pair.user.id, active_calls: 2, escalations_handled: 5, in_use: true });
  });

  it('refuses an unknown status (422)', async () => {
    await expect(
      h.bus.send(S.setAgentStatus, { status: 'asleep' } as never, agentA.ctx),
    ).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
  });
});

/** Reads events of one subject from the isolated stream, from now on. */
async function ephemeralConsumer(nc: NatsConnection, stream: string, subject: string) {
  const jsm = await nc.jetstreamManager();
  const info = await jsm.consumers.add(stream, { filter_subject: subject, deliver_policy: DeliverPolicy.New, ack_policy: AckPolicy.None });
  const consumer = await nc.jetstream().consumers.get(stream, info.name);
  const codec = JSONCodec<DomainEvent<'agent.status_changed'>>();
  return {
    async next(count: number): Promise<DomainEvent<'agent.status_changed'>[]> {
      const out: DomainEvent<'agent.status_changed'>[] = [];
      const messages = await consumer.fetch({ max_messages: count, expires: 5000 });
      for await (const msg of messages) {
        out.push(codec.decode(msg.data));
        if (out.length === count) break;
      }
      return out;
    },
  };
}
