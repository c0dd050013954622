import { WebSocket } from 'ws';
import type { AiAgentDto, RealtimeClientMessage, RealtimeServerMessage, StartVoiceCallResult, VoiceCallDto } from '@parley/contracts';
import type { Api, TestTenant } from './api';

/** A sales agent on the given provider, created (a draft) through the API. */
export async function createAgent(api: Api, owner: TestTenant, fields: Record<string, unknown> = {}): Promise<AiAgentDto> {
  const res = await api.post<AiAgentDto>('/api/v1/ai-agents', {
    name: 'Sam',
    role: 'sales',
    company_name: 'Acme Cloud',
    instructions: 'You sell Acme Cloud\'s call analytics to small teams. Be brief and helpful.',
    greeting: 'Hi {lead_name}, this is {agent_name} from {company}. Do you have a minute?',
    tone: 'friendly',
    channels: ['phone', 'chat', 'web'],
    tools: ['lookup_knowledge', 'book_callback', 'update_lead', 'transfer_to_human', 'end_call'],
    provider: 'local',
    ...fields,
  }, { token: owner.token });
  if (res.status !== 201) throw new Error(`create agent: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** An agent that takes conversations: created, then activated. */
export async function activeAgent(api: Api, owner: TestTenant, fields: Record<string, unknown> = {}): Promise<AiAgentDto> {
  const agent = await createAgent(api, owner, fields);
  const res = await api.post<AiAgentDto>(`/api/v1/ai-agents/${agent.id}/activate`, {}, { token: owner.token });
  if (res.status !== 200) throw new Error(`activate agent: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A lead to talk to, with a phone number (opt-outs put it on the do-not-call list). */
export async function createLead(api: Api, owner: TestTenant, fields: Record<string, unknown> = {}): Promise<{ id: string; name: string; phone: string }> {
  const res = await api.post('/api/v1/leads', { name: 'Ada Lovelace', company: 'Analytical Engines', phone: '+12125550142', source: 'webinar', ...fields }, { token: owner.token });
  if (res.status !== 201) throw new Error(`create lead: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A conversation created and started: the voice call and its opening. */
export async function startConversation(
  api: Api, owner: TestTenant, body: Record<string, unknown>,
): Promise<{ call: VoiceCallDto; start: StartVoiceCallResult }> {
  const created = await api.post<VoiceCallDto>('/api/v1/voice/calls', { call_type: 'web', ...body }, { token: owner.token });
  if (created.status !== 201) throw new Error(`create voice call: ${created.status} ${JSON.stringify(created.body)}`);
  const started = await api.post<StartVoiceCallResult>(`/api/v1/voice/calls/${created.body.id}/start`, {}, { token: owner.token });
  if (started.status !== 200) throw new Error(`start voice call: ${started.status} ${JSON.stringify(started.body)}`);
  return { call: created.body, start: started.body };
}

/** The pricing and product facts the agents answer from. */
export const SALES_FAQ = [
  'Q: How much does Acme Cloud cost?',
  'A: Acme Cloud costs $49 per user per month, billed monthly, and the first 14 days are free.',
  '',
  'Q: Does Acme Cloud integrate with Salesforce?',
  'A: Yes, Acme Cloud syncs calls and notes to Salesforce and HubSpot in real time.',
  '',
  'Q: Is there a contract?',
  'A: There is no long-term contract; you can cancel any month.',
].join('\n');

export function realtimeUrl(baseUrl: string, voiceCallId: string, token?: string): string {
  const url = `${baseUrl.replace(/^http/, 'ws')}/api/v1/voice/calls/${voiceCallId}/realtime`;
  return token === undefined ? url : `${url}?token=${encodeURIComponent(token)}`;
}

/**
 * A client of the realtime conversation socket: every message the server sent is kept, in order,
 * and `next` waits for the next one of a type.
 */
export class RealtimeClient {
  readonly received: RealtimeServerMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private cursor = 0;
  private waiters: Array<() => void> = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.received.push(JSON.parse(data.toString()) as RealtimeServerMessage);
      this.wake();
    });
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => {
      this.wake();
      resolve({ code, reason: reason.toString() });
    }));
  }

  /** Opens the socket with the token in the query (or, `via: 'header'`, as a bearer header). */
  static open(baseUrl: string, voiceCallId: string, token: string, via: 'query' | 'header' = 'query'): Promise<RealtimeClient> {
    const ws = via === 'query'
      ? new WebSocket(realtimeUrl(baseUrl, voiceCallId, token))
      : new WebSocket(realtimeUrl(baseUrl, voiceCallId), { headers: { authorization: `Bearer ${token}` } });
    const client = new RealtimeClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`realtime socket refused: ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  /** The HTTP answer of an upgrade the gateway refuses (status and error body). */
  static refusal(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
    const ws = new WebSocket(url, { headers });
    return new Promise((resolve, reject) => {
      ws.once('open', () => {
        ws.close();
        reject(new Error('the realtime socket was accepted'));
      });
      ws.once('unexpected-response', (_req, res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
        });
      });
      ws.once('error', () => undefined);
    });
  }

  send(message: RealtimeClientMessage | Record<string, unknown>): void {
    this.ws.send(JSON.stringify(message));
  }

  sendRaw(data: string): void {
    this.ws.send(data);
  }

  /** The next message not yet taken (of `type`, skipping others), or a rejection after `ms`. */
  async next<T extends RealtimeServerMessage['type']>(type?: T, ms = 15_000): Promise<Extract<RealtimeServerMessage, { type: T }>> {
    const deadline = Date.now() + ms;
    for (;;) {
      while (this.cursor < this.received.length) {
        const message = this.received[this.cursor++];
        if (!type || message.type === type) return message as Extract<RealtimeServerMessage, { type: T }>;
      }
      const left = deadline - Date.now();
      if (left <= 0 || this.ws.readyState === WebSocket.CLOSED) {
        throw new Error(`no ${type ?? 'message'} within ${ms} ms; received ${JSON.stringify(this.received.map((m) => m.type))}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
  }

  /** The four messages of one answered turn, in order: caller transcript, ai_response, agent transcript, state. */
  async turn(): Promise<{
    caller: Extract<RealtimeServerMessage, { type: 'transcript' }>;
    answer: Extract<RealtimeServerMessage, { type: 'ai_response' }>;
    agent: Extract<RealtimeServerMessage, { type: 'transcript' }>;
    state: Extract<RealtimeServerMessage, { type: 'state' }>;
  }> {
    const caller = await this.next('transcript');
    const answer = await this.next('ai_response');
    const agent = await this.next('transcript');
    const state = await this.next('state');
    return { caller, answer, agent, state };
  }

  close(): void {
    this.ws.close();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
  }
}
