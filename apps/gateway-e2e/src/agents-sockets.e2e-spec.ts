import type { Socket } from 'socket.io-client';
import { addMemberWithRole, expectErrorBody, registerTenant, sharedPlatform } from './support/api';
import { collectEvents, connectSocket, nextEvent } from './support/socket-client';

const { api } = sharedPlatform();

describe('agents and live sockets', () => {
  const sockets: Socket[] = [];
  afterAll(() => sockets.forEach((s) => s.disconnect()));
  const open = async (token: string) => {
    const socket = await connectSocket(api.baseUrl, token);
    sockets.push(socket);
    return socket;
  };

  it('refuses a socket without a valid token', async () => {
    await expect(connectSocket(api.baseUrl, 'bad-token')).rejects.toThrow(/UNAUTHORIZED/);
  });

  it('pushes agent:status to sockets of the same tenant and not to other tenants', async () => {
    const owner = await registerTenant(api, 'presence');
    const agent = await addMemberWithRole(api, owner, 'agent');
    const outsider = await registerTenant(api, 'outsider');

    const watcher = await open(owner.token);
    const foreign = await open(outsider.token);
    const foreignEvents = collectEvents(foreign, 'agent:status', 1500);
    const arrives = nextEvent(watcher, 'agent:status');

    const res = await api.patch('/api/v1/agents/status', { status: 'ready' }, { token: agent.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: agent.userId, status: 'ready' });

    const event = await arrives;
    expect(event).toMatchObject({ agent_id: agent.userId, status: 'ready' });
    expect(typeof event.timestamp).toBe('string');
    expect(await foreignEvents).toEqual([]);

    const available = await api.get('/api/v1/agents/available', { token: owner.token });
    expect(available.body.map((a: { id: string }) => a.id)).toEqual([agent.userId]);
    const stats = await api.get('/api/v1/agents/stats', { token: owner.token });
    expect(stats.body).toMatchObject({ total: 2, available: 1, by_status: { ready: 1, offline: 1 } });
    const usage = await api.get(`/api/v1/agents/${agent.userId}/usage`, { token: owner.token });
    expect(usage.body).toMatchObject({ agent_id: agent.userId, active_calls: 0, in_use: false });
    expectErrorBody(await api.patch('/api/v1/agents/status', { status: 'asleep' }, { token: agent.token }), 422, 'VALIDATION_FAILED');
  });

  it('keeps one live connection per user: a new one replaces the old', async () => {
    const owner = await registerTenant(api, 'single');
    const first = await open(owner.token);
    const replaced = nextEvent(first, 'session:replaced');
    const disconnected = new Promise<void>((resolve) => first.once('disconnect', () => resolve()));
    const second = await open(owner.token);
    await replaced;
    await disconnected;
    expect(second.connected).toBe(true);

    const stats = await api.get('/api/v1/ws/stats', { token: owner.token });
    expect(stats.status).toBe(200);
    expect(stats.body.connections_by_tenant[owner.tenantId]).toBe(1);
  });

  it('subscribes to call rooms and refuses malformed subscriptions', async () => {
    const owner = await registerTenant(api, 'subs');
    const socket = await open(owner.token);
    const ok = await socket.emitWithAck('subscribe', { type: 'all_calls' });
    expect(ok).toEqual({ ok: true, room: `tenant:${owner.tenantId}:calls` });
    const bad = await socket.emitWithAck('subscribe', { type: 'call' });
    expect(bad.ok).toBe(false);
    const left = await socket.emitWithAck('unsubscribe', { type: 'all_calls' });
    expect(left.ok).toBe(true);
  });
});
