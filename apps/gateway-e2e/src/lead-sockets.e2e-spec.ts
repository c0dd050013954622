import type { Socket } from 'socket.io-client';
import { addMemberWithRole, registerTenant, sharedPlatform } from './support/api';
import { collectEvents, connectSocket } from './support/socket-client';

const { api } = sharedPlatform();

/** Resolves with the first `event` payload that `match` accepts, or rejects after `ms`. */
function eventMatching<T = any>(socket: Socket, event: string, match: (payload: T) => boolean, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const listener = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no matching ${event} within ${ms} ms`));
    }, ms);
    socket.on(event, listener);
  });
}

describe('lead and queue pushes on Socket.IO', () => {
  const sockets: Socket[] = [];
  afterAll(() => sockets.forEach((s) => s.disconnect()));
  const open = async (token: string) => {
    const socket = await connectSocket(api.baseUrl, token);
    sockets.push(socket);
    return socket;
  };

  it('pushes lead:new to sockets of the same tenant only', async () => {
    const owner = await registerTenant(api, 'lead-push');
    const colleague = await addMemberWithRole(api, owner, 'agent');
    const outsider = await registerTenant(api, 'lead-outsider');
    const [watcher, teammate, foreign] = await Promise.all([open(owner.token), open(colleague.token), open(outsider.token)]);

    const foreignEvents = collectEvents(foreign, 'lead:new', 1500);
    const seenByWatcher = eventMatching(watcher, 'lead:new', () => true);
    const seenByTeammate = eventMatching(teammate, 'lead:new', () => true);
    const created = await api.post('/api/v1/leads', { name: 'Pushed Lead', source: 'webinar' }, { token: owner.token });
    expect(created.status).toBe(201);

    const event = await seenByWatcher;
    expect(event).toEqual({ lead_id: created.body.id, priority: created.body.priority, source: 'webinar' });
    expect(await seenByTeammate).toEqual(event);
    expect(await foreignEvents).toEqual([]);
  });

  it('pushes queue:update when a lead is created and when it is claimed', async () => {
    const owner = await registerTenant(api, 'queue-push');
    const agent = await addMemberWithRole(api, owner, 'agent');
    const outsider = await registerTenant(api, 'queue-outsider');
    const [watcher, foreign] = await Promise.all([open(owner.token), open(outsider.token)]);
    const foreignEvents = collectEvents(foreign, 'queue:update', 2500);

    const grown = eventMatching(watcher, 'queue:update', (p: { queue_length: number }) => p.queue_length === 2);
    await api.post('/api/v1/leads', { name: 'Queue One' }, { token: owner.token });
    await api.post('/api/v1/leads', { name: 'Queue Two' }, { token: owner.token });
    const update = await grown;
    expect(update).toEqual({ queue_length: 2, active_agents: 0, priority_leads: expect.any(Number) });

    const shrunk = eventMatching(watcher, 'queue:update', (p: { queue_length: number }) => p.queue_length === 1);
    const claim = await api.get('/api/v1/queue/next', { token: agent.token });
    expect(claim.status).toBe(200);
    expect((await shrunk).queue_length).toBe(1);
    expect(await foreignEvents).toEqual([]);
  });
});
