import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import {
  TelephonySubjects, TWILIO_WEBHOOK_PATH, type RequestContext, type TwilioWebhookKind, type TwilioWebhookRequest,
} from '@parley/contracts';
import type { FakeTwilio, TestBus } from '@parley/testing';

export interface TestTwilioAccount {
  accountSid: string;
  authToken: string;
  phoneNumber: string;
}

let numberSeq = 0;

/** A fresh Twilio account (sid, token, a valid US number), known to the fake when one is given. */
export function newTwilioAccount(fake?: FakeTwilio): TestTwilioAccount {
  // 201-555-01xx numbers are reserved for fiction, yet valid for libphonenumber.
  const phoneNumber = `+1201555${String(100 + (numberSeq++ % 100)).padStart(4, '0')}`;
  const account = { accountSid: `AC${randomBytes(16).toString('hex')}`, authToken: randomBytes(16).toString('hex'), phoneNumber };
  fake?.addAccount(account.accountSid, account.authToken, [phoneNumber]);
  return account;
}

/** Saves the account as the tenant's telephony settings. */
export async function configureTwilio(bus: TestBus, ctx: Partial<RequestContext>, account: TestTwilioAccount, publicBaseUrl?: string) {
  return bus.send(TelephonySubjects.updateSettings, {
    twilio_account_sid: account.accountSid,
    twilio_auth_token: account.authToken,
    twilio_phone_number: account.phoneNumber,
    ...(publicBaseUrl ? { public_base_url: publicBaseUrl } : {}),
  }, ctx);
}

/** A webhook as the gateway forwards it, signed the way Twilio signs it (or with `authToken` of the caller's choosing). */
export function signedWebhook(options: {
  kind: TwilioWebhookKind;
  tenantId: string;
  authToken: string;
  publicBaseUrl: string;
  params: Record<string, string | string[]>;
  callId?: string;
}): TwilioWebhookRequest {
  const query = new URLSearchParams({ tenant: options.tenantId });
  if (options.callId) query.set('call_id', options.callId);
  const path = `${TWILIO_WEBHOOK_PATH}/${options.kind}?${query.toString()}`;
  const signature = twilio.getExpectedTwilioSignature(options.authToken, `${options.publicBaseUrl}${path}`, options.params);
  return { kind: options.kind, tenant_id: options.tenantId, path, params: options.params, signature };
}

/** A status callback's parameters as Twilio sends them. */
export function statusParams(callSid: string, accountSid: string, callStatus: string, sequence: number, extra: Record<string, string> = {}) {
  return {
    AccountSid: accountSid, ApiVersion: '2010-04-01', CallSid: callSid, CallStatus: callStatus, Direction: 'outbound-api',
    From: '+12015550100', To: '+14155552671', SequenceNumber: String(sequence), Timestamp: new Date().toUTCString(),
    CallbackSource: 'call-progress-events', ...extra,
  };
}

export const newCallSid = () => `CA${randomBytes(16).toString('hex')}`;
