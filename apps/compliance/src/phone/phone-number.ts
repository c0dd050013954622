import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';

export type ParsedPhone = { ok: true; e164: string; number: PhoneNumber } | { ok: false; reason: string };

/**
 * Any common notation → E.164, with the parsed number kept for the time-zone lookup. National
 * numbers are read in `defaultRegion`; the full ("max") metadata refuses numbers with a plausible
 * length but an impossible prefix, so a DNC entry is never stored under a number no one can dial.
 */
export function parsePhone(raw: string, defaultRegion: string, field = 'phone_number'): ParsedPhone {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: `${field} must not be empty` };
  const number = parsePhoneNumberFromString(text, defaultRegion as CountryCode);
  if (!number || !number.isValid()) return { ok: false, reason: `${field} must be a valid phone number (got "${raw}")` };
  return { ok: true, e164: number.number, number };
}
