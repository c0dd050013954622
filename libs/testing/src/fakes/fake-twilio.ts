import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeCall, type FakeTwilioCall, type FakeTwilioCallScript } from './twilio/fake-call';
import type { FakeMediaScript } from './twilio/fake-media-stream';
import { handleControlRequest } from './twilio/fake-twilio-control';
import type { FakeTwilioWebhook } from './twilio/signed-webhook-sender';
import { SignedWebhookSender } from './twilio/signed-webhook-sender';
import type { FakeTwilioAccount } from './twilio/twilio-resources';
import { handleRestRequest } from './twilio/twilio-rest-api';
import { newSid, parseForm, twilioError, type TwilioReply } from './twilio/twilio-wire';

/**
 * A local stand-in for Twilio: its REST API (the part the platform uses) on one side, and on the
 * other Twilio's half of every call — signed status callbacks, voice webhooks, speech heard at
 * <Gather>s and AMD results posted to our public URLs, exactly as Twilio would send them. The real `twilio` SDK talks to it
 * through an httpClient that rewrites https://api.twilio.com to `apiBaseUrl`.
 * Control routes under /_fake/ (JSON) let the dev runner add accounts and place calls by hand.
 */

export type { FakeTwilioCall, FakeTwilioCallScript, FakeTwilioCallStatus } from './twilio/fake-call';
export type { FakeMediaScript, FakeMediaStreamRecord } from './twilio/fake-media-stream';
export { FakeMediaStream, type FakeMediaStreamOptions } from './twilio/fake-media-stream';
export { callerAudio, callerAudioFrame, FRAME_MS, FRAME_SAMPLES } from './twilio/caller-audio';
export { SPEECH_CONFIDENCE } from './twilio/fake-call';
export type { FakeTwilioWebhook } from './twilio/signed-webhook-sender';
export { parseTwiml, type TwimlNode } from './twilio/twiml-document';

export interface FakeTwilioOptions {
  /** Port to listen on (0, the default: any free port). */
  port?: number;
  /** Default ringing time before answer (ms, default 50). */
  ringMs?: number;
  /** Default time the far end stays on an answered call (ms, default 100). */
  talkMs?: number;
}

export interface FakeTwilioInboundCall {
  accountSid: string;
  from: string;
  /** The account's number being called. */
  to: string;
  /** Our voice webhook (the number's Voice URL). */
  url: string;
  /** The Voice URL's method (default POST). */
  method?: 'GET' | 'POST';
  /** The number's status callback: gets the "completed" event when the call ends. */
  statusCallback?: string;
  /** How long the caller stays once answered (default: the fake's talkMs). */
  talkMs?: number;
  /** How the caller behaves on a Media Stream our TwiML opens. */
  media?: FakeMediaScript;
  /** What the caller says at each <Gather input="speech">, in order ('' stays silent); once they run out the caller hangs up. */
  speech?: string[];
}

export interface FakeTwilio {
  /** Base URL the SDK's requests are redirected to, e.g. http://127.0.0.1:PORT (it serves /2010-04-01/Accounts/...). */
  apiBaseUrl: string;
  addAccount(accountSid: string, authToken: string, phoneNumbers?: string[]): void;
  /**
   * How the next call to `to` behaves (default: completed after ~50 ms ringing + ~100 ms talk).
   * Each script is used by one call; several queue up for successive calls to the same number.
   */
  script(to: string, script: FakeTwilioCallScript): void;
  /** Calls created through the REST API (and inbound ones), with every form param received and the callbacks sent. */
  calls: FakeTwilioCall[];
  /** Every REST request received (method, path, form params — query params for a GET). */
  requests: Array<{ method: string; path: string; params: Record<string, string> }>;
  /** Plays an inbound call: POSTs Twilio's signed voice webhook to `url`; answers the HTTP response (TwiML) it got. */
  placeInboundCall(options: FakeTwilioInboundCall): Promise<{ status: number; body: string; callSid: string }>;
  /** Resolves when the call reached a final status and all its callbacks were delivered (rejects after timeoutMs, default 5 s). */
  waitForCall(sid: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_RING_MS = 50;
const DEFAULT_TALK_MS = 100;
/** Create → initiated → ringing happen almost at once on Twilio too. */
const STEP_MS = 5;
/** A far end with something to say stays this long by default: its script, not the clock, ends the call. */
const SPEECH_TALK_MS = 60_000;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('error', reject);
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
  });
}

function send(res: ServerResponse, reply: TwilioReply): void {
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(reply.body));
}

export async function startFakeTwilio(options: FakeTwilioOptions = {}): Promise<FakeTwilio> {
  const accounts = new Map<string, FakeTwilioAccount>();
  const scripts = new Map<string, FakeTwilioCallScript[]>();
  const players = new Map<string, FakeCall>();
  const calls: FakeTwilioCall[] = [];
  const requests: FakeTwilio['requests'] = [];
  const sender = new SignedWebhookSender();
  const waiters = new Set<{ timer: NodeJS.Timeout; reject: (error: Error) => void }>();
  const ringMs = options.ringMs ?? DEFAULT_RING_MS;
  const talkMs = options.talkMs ?? DEFAULT_TALK_MS;
  let closed = false;

  const newRecord = (account: FakeTwilioAccount, direction: FakeTwilioCall['direction'], fields: Pick<FakeTwilioCall, 'to' | 'from' | 'params' | 'status'>): FakeCall => {
    const now = new Date();
    const record: FakeTwilioCall = {
      sid: newSid('CA'), accountSid: account.sid, direction, ...fields,
      updates: [], callbacks: [], twimlHistory: [], dateCreated: now, dateUpdated: now, mediaStreams: [], heard: [], said: [],
    };
    const player = new FakeCall(record, sender, account.authToken);
    calls.push(record);
    players.set(record.sid, player);
    return player;
  };

  const nextScript = (to: string): FakeTwilioCallScript => scripts.get(to)?.shift() ?? { outcome: 'completed' };

  const fake: FakeTwilio = {
    apiBaseUrl: '',
    calls,
    requests,

    addAccount(accountSid, authToken, phoneNumbers = []) {
      if (!accountSid.startsWith('AC')) throw new Error(`an account sid starts with AC: ${accountSid}`);
      const existing = accounts.get(accountSid);
      accounts.set(accountSid, {
        sid: accountSid,
        authToken,
        phoneNumbers: phoneNumbers.map((phoneNumber) => existing?.phoneNumbers.find((n) => n.phoneNumber === phoneNumber) ?? { sid: newSid('PN'), phoneNumber }),
        dateCreated: existing?.dateCreated ?? new Date(),
      });
    },

    script(to, script) {
      scripts.set(to, [...(scripts.get(to) ?? []), script]);
    },

    async placeInboundCall(call) {
      if (closed) throw new Error('fake Twilio is closed');
      const account = accounts.get(call.accountSid);
      if (!account) throw new Error(`unknown account ${call.accountSid}: addAccount it first`);
      if (account.phoneNumbers.length > 0 && !account.phoneNumbers.some((n) => n.phoneNumber === call.to)) {
        throw new Error(`${call.to} is not a number of account ${call.accountSid}`);
      }
      const player = newRecord(account, 'inbound', { to: call.to, from: call.from, params: {}, status: 'ringing' });
      const talk = call.talkMs ?? (call.speech ? SPEECH_TALK_MS : talkMs);
      const webhook: FakeTwilioWebhook = await player.startInbound({ url: call.url, method: call.method ?? 'POST' }, talk, call.statusCallback, call.media, call.speech);
      return { status: webhook.status, body: webhook.body, callSid: player.record.sid };
    },

    waitForCall(sid, timeoutMs = 5000) {
      const player = players.get(sid);
      if (!player) return Promise.reject(new Error(`fake Twilio has no call ${sid}`));
      return new Promise<void>((resolve, reject) => {
        const waiter = {
          timer: setTimeout(() => {
            waiters.delete(waiter);
            reject(new Error(`call ${sid} still ${player.record.status} after ${timeoutMs} ms (${player.record.callbacks.length} callbacks sent)`));
          }, timeoutMs),
          reject,
        };
        waiters.add(waiter);
        void player.done.then(() => {
          clearTimeout(waiter.timer);
          waiters.delete(waiter);
          resolve();
        });
      });
    },

    close: () =>
      new Promise<void>((resolve, reject) => {
        closed = true;
        for (const player of players.values()) player.stop();
        sender.stop();
        for (const waiter of waiters) {
          clearTimeout(waiter.timer);
          waiter.reject(new Error('fake Twilio closed'));
        }
        waiters.clear();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };

  const backend = {
    account: (sid: string) => accounts.get(sid),
    calls: () => calls,
    call: (sid: string) => players.get(sid),
    createCall(account: FakeTwilioAccount, params: Record<string, string>): FakeTwilioCall {
      const player = newRecord(account, 'outbound-api', { to: params.To, from: params.From, params, status: 'queued' });
      const script = nextScript(params.To);
      const talk = script.talkMs ?? (script.speech ? SPEECH_TALK_MS : talkMs);
      player.startOutbound({
        outcome: script.outcome, ringMs: script.ringMs ?? ringMs, talkMs: talk, answeredBy: script.answeredBy, media: script.media, speech: script.speech,
      }, STEP_MS);
      return player.record;
    },
  };

  const server = createServer((req, res) => {
    const [path, query = ''] = (req.url ?? '/').split(/\?(.*)/s);
    const method = (req.method ?? 'GET').toUpperCase();
    void readBody(req)
      .then(async (body): Promise<TwilioReply> => {
        if (path.startsWith('/_fake/')) return handleControlRequest({ method, path, body }, fake);
        const params = method === 'GET' || method === 'DELETE' ? parseForm(query) : parseForm(body);
        requests.push({ method, path, params });
        return handleRestRequest({ method, path, headers: req.headers, params }, backend);
      })
      .then(
        (reply) => send(res, reply),
        (error: unknown) => send(res, twilioError(500, 20500, `Internal Server Error: ${String(error)}`)),
      );
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  fake.apiBaseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
