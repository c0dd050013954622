import { API_VERSION, countryOf, rfc2822 } from './twilio-wire';

/**
 * The parameters Twilio posts about a call, with Twilio's names and in the order Twilio sends
 * them (status callbacks in Twilio's own field order, voice and AMD webhooks sorted by name, as
 * captured from real requests). Geographic fields Twilio cannot resolve are sent empty, never
 * left out: a signature check must include them.
 */

export interface CallFacts {
  sid: string;
  accountSid: string;
  from: string;
  to: string;
  direction: 'outbound-api' | 'inbound';
}

function geo(prefix: 'From' | 'To' | 'Caller' | 'Called', number: string): Record<string, string> {
  return { [`${prefix}City`]: '', [`${prefix}Country`]: countryOf(number), [`${prefix}State`]: '', [`${prefix}Zip`]: '' };
}

function sortedByName(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The voice webhook (the call's Url, a <Redirect>, or an update's Url): asks our side for TwiML. */
export function voiceWebhookParams(call: CallFacts, callStatus: string, amd?: { answeredBy: string; durationMs: number }): Record<string, string> {
  const params: Record<string, string> = {
    AccountSid: call.accountSid,
    ApiVersion: API_VERSION,
    CallSid: call.sid,
    CallStatus: callStatus,
    Called: call.to,
    ...geo('Called', call.to),
    Caller: call.from,
    ...geo('Caller', call.from),
    Direction: call.direction,
    From: call.from,
    ...geo('From', call.from),
    To: call.to,
    ...geo('To', call.to),
  };
  if (amd) {
    params.AnsweredBy = amd.answeredBy;
    params.MachineDetectionDuration = String(amd.durationMs);
  }
  return sortedByName(params);
}

/**
 * A <Gather>'s action: the voice webhook's parameters and what the far end said (SpeechResult,
 * Confidence), sorted by name like the rest.
 */
export function gatherWebhookParams(call: CallFacts, callStatus: string, heard: Record<string, string>): Record<string, string> {
  return sortedByName({ ...voiceWebhookParams(call, callStatus), ...heard });
}

export interface StatusCallbackFacts {
  callStatus: string;
  sequenceNumber: number;
  timestamp: Date;
  /** Seconds talked: sent (with Duration, in billed minutes) on the final callback only. */
  callDurationSeconds?: number;
  sipResponseCode?: number;
  answeredBy?: string;
}

/** A status callback (call progress event) to the call's StatusCallback. */
export function statusCallbackParams(call: CallFacts, facts: StatusCallbackFacts): Record<string, string> {
  const final = facts.callDurationSeconds !== undefined;
  const toGeo = geo('To', call.to);
  const fromGeo = geo('From', call.from);
  const entries: Array<[string, string | undefined]> = [
    ['Called', call.to],
    ['ToState', toGeo.ToState],
    ['CallerCountry', fromGeo.FromCountry],
    ['Direction', call.direction],
    ['Timestamp', rfc2822(facts.timestamp)],
    ['CallbackSource', 'call-progress-events'],
    ['SipResponseCode', facts.sipResponseCode === undefined ? undefined : String(facts.sipResponseCode)],
    ['CallerState', fromGeo.FromState],
    ['ToZip', toGeo.ToZip],
    ['SequenceNumber', String(facts.sequenceNumber)],
    ['CallSid', call.sid],
    ['To', call.to],
    ['CallerZip', fromGeo.FromZip],
    ['ToCountry', toGeo.ToCountry],
    ['CalledZip', toGeo.ToZip],
    ['ApiVersion', API_VERSION],
    ['CalledCity', toGeo.ToCity],
    ['CallStatus', facts.callStatus],
    ['Duration', final ? String(Math.ceil((facts.callDurationSeconds ?? 0) / 60)) : undefined],
    ['From', call.from],
    ['CallDuration', final ? String(facts.callDurationSeconds) : undefined],
    ['AccountSid', call.accountSid],
    ['CalledCountry', toGeo.ToCountry],
    ['CallerCity', fromGeo.FromCity],
    ['ToCity', toGeo.ToCity],
    ['FromCountry', fromGeo.FromCountry],
    ['Caller', call.from],
    ['FromCity', fromGeo.FromCity],
    ['CalledState', toGeo.ToState],
    ['FromZip', fromGeo.FromZip],
    ['AnsweredBy', facts.answeredBy],
    ['FromState', fromGeo.FromState],
  ];
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** The asynchronous answering-machine-detection result, posted to AsyncAmdStatusCallback. */
export function asyncAmdParams(call: CallFacts, answeredBy: string, durationMs: number): Record<string, string> {
  return { AccountSid: call.accountSid, AnsweredBy: answeredBy, CallSid: call.sid, MachineDetectionDuration: String(durationMs) };
}
