import { randomBytes, randomInt } from 'node:crypto';
import twilio from 'twilio';
import { eventually, type FakeTwilio } from '@parley/testing';
import type { Api, ApiResponse, TestTenant } from './api';

/** A tenant's Twilio account as the fake knows it. */
export interface TwilioAccount {
  accountSid: string;
  authToken: string;
  phoneNumber: string;
}

const handedOut = new Set<string>();

/**
 * A US number in the 555-01xx range (reserved for fiction), never the same twice in one spec file:
 * specs look calls up on the fake Twilio by number.
 */
export function fictionalNumber(areaCode = '212'): string {
  const free = Array.from({ length: 100 }, (_, i) => `+1${areaCode}55501${String(i).padStart(2, '0')}`).filter((n) => !handedOut.has(n));
  if (free.length === 0) throw new Error(`every fictional number of area code ${areaCode} is taken`);
  const number = free[randomInt(0, free.length)];
  handedOut.add(number);
  return number;
}

/** Opens an account on the fake Twilio and saves it as the tenant's telephony settings. */
export async function connectTwilio(api: Api, owner: TestTenant, fake: FakeTwilio): Promise<TwilioAccount & { saved: ApiResponse }> {
  const account: TwilioAccount = {
    accountSid: `AC${randomBytes(16).toString('hex')}`,
    authToken: randomBytes(16).toString('hex'),
    phoneNumber: fictionalNumber('415'),
  };
  fake.addAccount(account.accountSid, account.authToken, [account.phoneNumber]);
  const saved = await api.put('/api/v1/config/telephony', {
    twilio_account_sid: account.accountSid,
    twilio_auth_token: account.authToken,
    twilio_phone_number: account.phoneNumber,
  }, { token: owner.token });
  if (saved.status !== 200) throw new Error(`saving telephony settings failed: ${saved.status} ${JSON.stringify(saved.body)}`);
  return { ...account, saved };
}

/** Calling windows off for the tenant (DNC still applies), so a test does not depend on the hour it runs at. */
export async function callAnyTime(api: Api, owner: TestTenant): Promise<void> {
  const res = await api.put('/api/v1/compliance/calling-windows', {
    windows: everyDay({ start: '08:00', end: '21:00' }),
    enforced: false,
  }, { token: owner.token });
  if (res.status !== 200) throw new Error(`calling windows failed: ${res.status} ${JSON.stringify(res.body)}`);
}

export function everyDay<T>(window: T): Record<string, T> {
  return Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [day, window]));
}

/** Waits until the call's status is `status` and answers the call. */
export function callReaching(api: Api, owner: TestTenant, id: string, status: string, timeoutMs = 10_000): Promise<any> {
  return eventually(async () => (await api.get(`/api/v1/calls/${id}`, { token: owner.token })).body, (call) => call?.status === status, timeoutMs);
}

/** POSTs a Twilio-style form to a webhook URL, as Twilio would (or as a forger would, given another signature). */
export async function postTwilioWebhook(url: string, params: Record<string, string>, signature?: string): Promise<{ status: number; body: string; contentType: string | null }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(signature === undefined ? {} : { 'x-twilio-signature': signature }),
    },
    body: new URLSearchParams(params).toString(),
  });
  return { status: res.status, body: await res.text(), contentType: res.headers.get('content-type') };
}

/** Twilio's signature of a webhook, computed by the SDK the way Twilio computes it. */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}
