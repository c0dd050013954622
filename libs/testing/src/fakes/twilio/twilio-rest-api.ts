import type { IncomingHttpHeaders } from 'node:http';
import { CallRedirectRefused, FakeCall, type FakeTwilioCall } from './fake-call';
import {
  accountResource, callResource, incomingPhoneNumberResource, listPage, type FakeIncomingPhoneNumber, type FakeTwilioAccount,
} from './twilio-resources';
import { API_VERSION, isDialable, isHttpUrl, twilioError, type TwilioReply } from './twilio-wire';

/**
 * The slice of Twilio's REST API (2010-04-01) the platform uses: accounts (credential checks),
 * calls (create, fetch, list, update to hang up or redirect) and incoming phone numbers (list, fetch,
 * update of the Voice URL and status callback). HTTP Basic
 * auth with the account sid and auth token, form-encoded requests, Twilio's JSON and error codes.
 */

export interface RestRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Form body (POST) or query string (GET), parsed. */
  params: Record<string, string>;
}

export interface RestBackend {
  account(sid: string): FakeTwilioAccount | undefined;
  calls(): FakeTwilioCall[];
  call(sid: string): FakeCall | undefined;
  createCall(account: FakeTwilioAccount, params: Record<string, string>): FakeTwilioCall;
}

const ACCOUNT = new RegExp(`^/${API_VERSION}/Accounts/(AC\\w+)\\.json$`);
const CALLS = new RegExp(`^/${API_VERSION}/Accounts/(AC\\w+)/Calls\\.json$`);
const CALL = new RegExp(`^/${API_VERSION}/Accounts/(AC\\w+)/Calls/(CA\\w+)\\.json$`);
const NUMBERS = new RegExp(`^/${API_VERSION}/Accounts/(AC\\w+)/IncomingPhoneNumbers\\.json$`);
const NUMBER = new RegExp(`^/${API_VERSION}/Accounts/(AC\\w+)/IncomingPhoneNumbers/(PN\\w+)\\.json$`);

const notFound = (path: string) => twilioError(404, 20404, `The requested resource ${path} was not found`);
const methodNotAllowed = () => twilioError(405, 20004, 'Method not allowed');
const badRequest = (code: number, message: string) => twilioError(400, code, message);

function credentials(headers: IncomingHttpHeaders): { user: string; password: string } | undefined {
  const encoded = /^Basic\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function phoneNumberSid(account: FakeTwilioAccount, number: string): string | null {
  return account.phoneNumbers.find((n) => n.phoneNumber === number)?.sid ?? null;
}

export function handleRestRequest(request: RestRequest, backend: RestBackend): TwilioReply {
  const { method, path, params } = request;
  if (!path.startsWith(`/${API_VERSION}/Accounts`)) return notFound(path);

  const given = credentials(request.headers);
  if (!given) return twilioError(401, 20003, 'Authentication Error - No credentials provided', 'Your AccountSid or AuthToken was incorrect.');
  const account = backend.account(given.user);
  if (!account || account.authToken !== given.password) {
    return twilioError(401, 20003, 'Authentication Error - invalid username', 'Your AccountSid or AuthToken was incorrect.');
  }
  const pathAccount = /^\/[^/]+\/Accounts\/(AC\w+)/.exec(path)?.[1];
  // Credentials of one account open no other account's resources.
  if (pathAccount !== account.sid) return twilioError(401, 20003, 'Authenticate');

  if (ACCOUNT.test(path)) return method === 'GET' ? { status: 200, body: accountResource(account) } : methodNotAllowed();

  if (CALLS.test(path)) {
    if (method === 'POST') return createCall(account, params, backend);
    if (method === 'GET') return listCalls(account, path, params, backend);
    return methodNotAllowed();
  }

  const callMatch = CALL.exec(path);
  if (callMatch) {
    const call = backend.call(callMatch[2]);
    if (!call || call.record.accountSid !== account.sid) return notFound(path);
    if (method === 'GET') return { status: 200, body: callResource(call.record, phoneNumberSid(account, call.record.from)) };
    if (method === 'POST') return updateCall(account, call, params);
    return methodNotAllowed();
  }

  if (NUMBERS.test(path)) {
    if (method !== 'GET') return methodNotAllowed();
    const numbers = account.phoneNumbers.filter((n) => !params.PhoneNumber || n.phoneNumber === params.PhoneNumber);
    const records = numbers.map((n) => incomingPhoneNumberResource(account, n));
    return { status: 200, body: listPage(path, 'incoming_phone_numbers', records, pageSize(params)) };
  }

  const numberMatch = NUMBER.exec(path);
  if (numberMatch) {
    const number = account.phoneNumbers.find((n) => n.sid === numberMatch[2]);
    if (!number) return notFound(path);
    if (method === 'GET') return { status: 200, body: incomingPhoneNumberResource(account, number) };
    if (method === 'POST') return updateIncomingPhoneNumber(account, number, params);
    return methodNotAllowed();
  }
  return notFound(path);
}

function pageSize(params: Record<string, string>): number {
  const size = Number(params.PageSize);
  return Number.isInteger(size) && size > 0 ? Math.min(size, 1000) : 50;
}

function createCall(account: FakeTwilioAccount, params: Record<string, string>, backend: RestBackend): TwilioReply {
  const { To: to, From: from } = params;
  if (!to) return badRequest(21201, "No 'To' number is specified");
  if (!from) return badRequest(21213, "No 'From' number is specified");
  if (!isDialable(to)) return badRequest(21211, `Invalid 'To' Phone Number: ${to}`);
  if (!isDialable(from)) return badRequest(21212, `Invalid From Number (caller ID): ${from}`);
  if (account.phoneNumbers.length > 0 && phoneNumberSid(account, from) === null) {
    return badRequest(21210, `The source phone number provided, ${from}, is not yet verified for your account. You may only make calls from phone numbers that you've verified or purchased from Twilio.`);
  }
  const invalid = invalidUrls(params);
  if (invalid) return invalid;
  if (params.Url === undefined && params.Twiml === undefined) return badRequest(21205, 'Url parameter is required.');
  const record = backend.createCall(account, params);
  return { status: 201, body: callResource(record, phoneNumberSid(account, from)) };
}

function listCalls(account: FakeTwilioAccount, path: string, params: Record<string, string>, backend: RestBackend): TwilioReply {
  const matches = backend
    .calls()
    .filter((call) => call.accountSid === account.sid)
    .filter((call) => (!params.To || call.to === params.To) && (!params.From || call.from === params.From) && (!params.Status || call.status === params.Status))
    .reverse() // Twilio lists newest first
    .map((call) => callResource(call, phoneNumberSid(account, call.from)));
  return { status: 200, body: listPage(path, 'calls', matches, pageSize(params)) };
}

function updateCall(account: FakeTwilioAccount, call: FakeCall, params: Record<string, string>): TwilioReply {
  const status = params.Status;
  if (status !== undefined && status !== 'canceled' && status !== 'completed') {
    return badRequest(21218, `Invalid Status: ${status}. Status must be one of canceled, completed`);
  }
  const invalid = invalidUrls(params);
  if (invalid) return invalid;
  const redirecting = status === undefined && (params.Twiml !== undefined || params.Url !== undefined);
  if (redirecting && call.ended) return badRequest(21220, 'Call is not in-progress. Cannot redirect.');

  call.record.updates.push(params);
  call.updateStatusCallback(params);
  if (status === 'canceled') call.cancel();
  else if (status === 'completed') call.complete();
  else if (redirecting) {
    try {
      call.redirect(params);
    } catch (error) {
      if (error instanceof CallRedirectRefused) return badRequest(21220, error.message);
      throw error;
    }
  }
  return { status: 200, body: callResource(call.record, phoneNumberSid(account, call.record.from)) };
}

/** Where the number's incoming calls go: Voice URL, fallback and status callback, as Twilio validates them. */
function updateIncomingPhoneNumber(account: FakeTwilioAccount, number: FakeIncomingPhoneNumber, params: Record<string, string>): TwilioReply {
  for (const name of ['VoiceUrl', 'VoiceFallbackUrl', 'StatusCallback']) {
    const value = params[name];
    if (value !== undefined && value !== '' && !isHttpUrl(value)) return badRequest(21502, `${name} is not a valid URL: ${value}`);
  }
  for (const name of ['VoiceMethod', 'StatusCallbackMethod']) {
    const value = params[name];
    if (value !== undefined && !['GET', 'POST'].includes(value.toUpperCase())) return badRequest(21208, `${name} must be GET or POST: ${value}`);
  }
  if (params.FriendlyName !== undefined) number.friendlyName = params.FriendlyName;
  if (params.VoiceUrl !== undefined) number.voiceUrl = params.VoiceUrl;
  if (params.VoiceMethod !== undefined) number.voiceMethod = params.VoiceMethod.toUpperCase();
  if (params.VoiceFallbackUrl !== undefined) number.voiceFallbackUrl = params.VoiceFallbackUrl;
  if (params.StatusCallback !== undefined) number.statusCallback = params.StatusCallback;
  if (params.StatusCallbackMethod !== undefined) number.statusCallbackMethod = params.StatusCallbackMethod.toUpperCase();
  number.dateUpdated = new Date();
  return { status: 200, body: incomingPhoneNumberResource(account, number) };
}

function invalidUrls(params: Record<string, string>): TwilioReply | undefined {
  for (const name of ['Url', 'FallbackUrl', 'StatusCallback', 'AsyncAmdStatusCallback']) {
    const value = params[name];
    if (value !== undefined && !isHttpUrl(value)) return badRequest(21205, `${name} is not a valid URL: ${value}`);
  }
  for (const name of ['Method', 'FallbackMethod', 'StatusCallbackMethod', 'AsyncAmdStatusCallbackMethod']) {
    const value = params[name];
    if (value !== undefined && !['GET', 'POST'].includes(value.toUpperCase())) return badRequest(21208, `${name} must be GET or POST: ${value}`);
  }
  return undefined;
}
