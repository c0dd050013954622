import { randomBytes } from 'node:crypto';

/**
 * Twilio's wire conventions, shared by the fake's REST side and its webhook side: sids, RFC 2822
 * dates, form bodies and the JSON error body every Twilio REST error carries.
 */

export const API_VERSION = '2010-04-01';

/** A Twilio sid: two-letter prefix and 32 lowercase hex digits ("CA" calls, "PN" numbers). */
export function newSid(prefix: string): string {
  return prefix + randomBytes(16).toString('hex');
}

/** Twilio writes dates as RFC 2822 with a numeric zone: "Tue, 14 Feb 2023 12:00:00 +0000". */
export function rfc2822(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

/**
 * Parses a form body or query string. A key sent more than once (the SDK sends list parameters
 * such as StatusCallbackEvent that way) keeps every value, joined by spaces, which is also how
 * Twilio reads a space-separated list.
 */
export function parseForm(text: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    params[key] = key in params ? `${params[key]} ${value}` : value;
  }
  return params;
}

export function encodeForm(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
  detail?: string;
}

export interface TwilioReply {
  status: number;
  body: unknown;
}

export function twilioError(status: number, code: number, message: string, detail?: string): TwilioReply {
  const body: TwilioErrorBody = { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
  if (detail !== undefined) body.detail = detail;
  return { status, body };
}

const E164 = /^\+[1-9]\d{1,14}$/;

/** What Twilio accepts as a call endpoint: an E.164 number, a Client identity or a SIP URI. */
export function isDialable(value: string): boolean {
  return E164.test(value) || value.startsWith('client:') || value.startsWith('sip:');
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Twilio's `*_formatted` fields: North American numbers as "(415) 555-1212", others unchanged. */
export function formatNumber(number: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(number);
  return nanp ? `(${nanp[1]}) ${nanp[2]}-${nanp[3]}` : number;
}

/** Country calling codes Twilio's geo lookup would resolve; the fake knows no cities, states or zips. */
const COUNTRY_BY_PREFIX: Array<[string, string]> = [
  ['+1', 'US'], ['+44', 'GB'], ['+33', 'FR'], ['+49', 'DE'], ['+34', 'ES'], ['+39', 'IT'], ['+31', 'NL'],
  ['+32', 'BE'], ['+41', 'CH'], ['+353', 'IE'], ['+351', 'PT'], ['+61', 'AU'], ['+64', 'NZ'], ['+91', 'IN'],
  ['+52', 'MX'], ['+55', 'BR'], ['+81', 'JP'], ['+65', 'SG'], ['+27', 'ZA'],
];

export function countryOf(number: string): string {
  let best = '';
  let country = '';
  for (const [prefix, code] of COUNTRY_BY_PREFIX) {
    if (number.startsWith(prefix) && prefix.length > best.length) {
      best = prefix;
      country = code;
    }
  }
  return country;
}
