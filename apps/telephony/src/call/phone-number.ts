import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: string };

/**
 * Any common notation → E.164, national numbers read in `defaultRegion` (ISO 3166 alpha-2). The
 * full ("max") metadata refuses numbers of a plausible length but an impossible prefix, so Twilio
 * is never asked to dial them.
 */
export function normalizePhone(raw: string, defaultRegion: string, field = 'phone_number'): PhoneResult {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: `${field} must not be empty` };
  const parsed = parsePhoneNumberFromString(text, defaultRegion.toUpperCase() as CountryCode);
  if (!parsed || !parsed.isValid()) return { ok: false, reason: `${field} must be a valid phone number (got "${raw}")` };
  return { ok: true, e164: parsed.number };
}
