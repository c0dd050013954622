import type { FakeTwilio } from '../fake-twilio';
import type { FakeTwilioCallScript } from './fake-call';
import type { TwilioReply } from './twilio-wire';

/**
 * JSON routes that are not Twilio's: how a person (or the dev runner) drives the fake from outside
 * its process — add an account, script a number, ring our platform, look at the calls.
 *   POST /_fake/accounts       {account_sid, auth_token, phone_numbers?}
 *   POST /_fake/scripts        {to, outcome, ring_ms?, talk_ms?, answered_by?, speech?: string[]}
 *   POST /_fake/inbound-calls  {account_sid, from, to, url, status_callback?, talk_ms?, speech?: string[]} → {call_sid, status, body}
 *   GET  /_fake/calls
 */

const OUTCOMES: ReadonlyArray<FakeTwilioCallScript['outcome']> = ['completed', 'busy', 'no-answer', 'failed'];

const fail = (status: number, message: string): TwilioReply => ({ status, body: { error: message } });

function text(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** A list of utterances ('' is silence); undefined when absent, null when it is not a list of strings. */
function utterances(body: Record<string, unknown>, key: string): string[] | undefined | null {
  const value = body[key];
  if (value === undefined) return undefined;
  return Array.isArray(value) && value.every((v): v is string => typeof v === 'string') ? value : null;
}

function milliseconds(body: Record<string, unknown>, key: string): number | undefined {
  const value = body[key];
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

export async function handleControlRequest(request: { method: string; path: string; body: string }, fake: FakeTwilio): Promise<TwilioReply> {
  const route = `${request.method} ${request.path.replace(/\/+$/, '')}`;
  if (route === 'GET /_fake/calls') return { status: 200, body: { calls: fake.calls } };

  let body: Record<string, unknown>;
  try {
    const parsed: unknown = request.body ? JSON.parse(request.body) : {};
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return fail(400, 'the body must be a JSON object');
    body = parsed as Record<string, unknown>;
  } catch {
    return fail(400, 'the body is not JSON');
  }

  if (route === 'POST /_fake/accounts') {
    const accountSid = text(body, 'account_sid');
    const authToken = text(body, 'auth_token');
    const numbers = Array.isArray(body.phone_numbers) ? body.phone_numbers.filter((n): n is string => typeof n === 'string') : [];
    if (!accountSid?.startsWith('AC') || !authToken) return fail(400, 'account_sid (AC…) and auth_token are required');
    fake.addAccount(accountSid, authToken, numbers);
    return { status: 201, body: { account_sid: accountSid, phone_numbers: numbers } };
  }

  if (route === 'POST /_fake/scripts') {
    const to = text(body, 'to');
    const outcome = OUTCOMES.find((o) => o === body.outcome);
    if (!to || !outcome) return fail(400, `to and outcome (${OUTCOMES.join(', ')}) are required`);
    const answeredBy = body.answered_by === 'machine_start' || body.answered_by === 'human' ? body.answered_by : undefined;
    const speech = utterances(body, 'speech');
    if (speech === null) return fail(400, 'speech must be a list of strings');
    fake.script(to, { outcome, ringMs: milliseconds(body, 'ring_ms'), talkMs: milliseconds(body, 'talk_ms'), answeredBy, speech });
    return { status: 201, body: { to, outcome } };
  }

  if (route === 'POST /_fake/inbound-calls') {
    const [accountSid, from, to, url] = ['account_sid', 'from', 'to', 'url'].map((key) => text(body, key));
    if (!accountSid || !from || !to || !url) return fail(400, 'account_sid, from, to and url are required');
    const speech = utterances(body, 'speech');
    if (speech === null) return fail(400, 'speech must be a list of strings');
    try {
      const answer = await fake.placeInboundCall({
        accountSid, from, to, url, statusCallback: text(body, 'status_callback'), talkMs: milliseconds(body, 'talk_ms'), speech,
      });
      return { status: 201, body: { call_sid: answer.callSid, status: answer.status, body: answer.body } };
    } catch (error) {
      return fail(400, error instanceof Error ? error.message : String(error));
    }
  }
  return fail(404, `no control route ${route}`);
}
