import type { FakeTwilioCall } from './fake-call';
import { API_VERSION, formatNumber, rfc2822 } from './twilio-wire';

/** The JSON Twilio's 2010-04-01 API answers for the resources the fake serves. */

/** A number on an account, with what its owner configured through the REST API. */
export interface FakeIncomingPhoneNumber {
  sid: string;
  phoneNumber: string;
  friendlyName?: string;
  voiceUrl?: string;
  voiceMethod?: string;
  voiceFallbackUrl?: string;
  statusCallback?: string;
  statusCallbackMethod?: string;
  dateUpdated?: Date;
}

export interface FakeTwilioAccount {
  sid: string;
  authToken: string;
  phoneNumbers: FakeIncomingPhoneNumber[];
  dateCreated: Date;
}

const accountPath = (accountSid: string) => `/${API_VERSION}/Accounts/${accountSid}`;

export function accountResource(account: FakeTwilioAccount): Record<string, unknown> {
  const base = accountPath(account.sid);
  const created = rfc2822(account.dateCreated);
  return {
    auth_token: account.authToken,
    date_created: created,
    date_updated: created,
    friendly_name: `Fake Twilio ${account.sid.slice(0, 10)}`,
    owner_account_sid: account.sid,
    sid: account.sid,
    status: 'active',
    subresource_uris: {
      calls: `${base}/Calls.json`,
      incoming_phone_numbers: `${base}/IncomingPhoneNumbers.json`,
      recordings: `${base}/Recordings.json`,
      queues: `${base}/Queues.json`,
    },
    type: 'Full',
    uri: `${base}.json`,
  };
}

export function callResource(call: FakeTwilioCall, phoneNumberSid: string | null): Record<string, unknown> {
  const base = `${accountPath(call.accountSid)}/Calls/${call.sid}`;
  return {
    account_sid: call.accountSid,
    annotation: null,
    answered_by: call.answeredBy ?? null,
    api_version: API_VERSION,
    caller_name: null,
    date_created: rfc2822(call.dateCreated),
    date_updated: rfc2822(call.dateUpdated),
    direction: call.direction,
    duration: call.durationSeconds === undefined ? null : String(call.durationSeconds),
    end_time: call.endTime ? rfc2822(call.endTime) : null,
    forwarded_from: null,
    from: call.from,
    from_formatted: formatNumber(call.from),
    group_sid: null,
    parent_call_sid: null,
    phone_number_sid: phoneNumberSid,
    price: null,
    price_unit: 'USD',
    queue_time: '0',
    sid: call.sid,
    start_time: call.startTime ? rfc2822(call.startTime) : null,
    status: call.status,
    subresource_uris: {
      notifications: `${base}/Notifications.json`,
      recordings: `${base}/Recordings.json`,
      payments: `${base}/Payments.json`,
      events: `${base}/Events.json`,
      siprec: `${base}/Siprec.json`,
      streams: `${base}/Streams.json`,
      transcriptions: `${base}/Transcriptions.json`,
      user_defined_message_subscriptions: `${base}/UserDefinedMessageSubscriptions.json`,
      user_defined_messages: `${base}/UserDefinedMessages.json`,
    },
    to: call.to,
    to_formatted: formatNumber(call.to),
    trunk_sid: null,
    uri: `${base}.json`,
  };
}

export function incomingPhoneNumberResource(account: FakeTwilioAccount, number: FakeIncomingPhoneNumber): Record<string, unknown> {
  const created = rfc2822(account.dateCreated);
  return {
    account_sid: account.sid,
    api_version: API_VERSION,
    capabilities: { voice: true, sms: true, mms: true, fax: false },
    date_created: created,
    date_updated: number.dateUpdated ? rfc2822(number.dateUpdated) : created,
    friendly_name: number.friendlyName ?? formatNumber(number.phoneNumber),
    phone_number: number.phoneNumber,
    sid: number.sid,
    status: 'in-use',
    status_callback: number.statusCallback ?? '',
    status_callback_method: number.statusCallbackMethod ?? 'POST',
    voice_fallback_url: number.voiceFallbackUrl ?? null,
    voice_method: number.voiceMethod ?? 'POST',
    voice_url: number.voiceUrl ?? '',
    uri: `${accountPath(account.sid)}/IncomingPhoneNumbers/${number.sid}.json`,
  };
}

/** One page of a list resource; the fake always answers every match on a single page. */
export function listPage(path: string, key: string, records: unknown[], pageSize: number): Record<string, unknown> {
  const shown = records.slice(0, pageSize);
  return {
    [key]: shown,
    end: Math.max(shown.length - 1, 0),
    first_page_uri: `${path}?PageSize=${pageSize}&Page=0`,
    next_page_uri: null,
    page: 0,
    page_size: pageSize,
    previous_page_uri: null,
    start: 0,
    uri: `${path}?PageSize=${pageSize}&Page=0`,
  };
}
