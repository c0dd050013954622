import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: string };

/**
 * Any common notation → E.164. National numbers are read in `defaultRegion` (ISO 3166 alpha-2);
 * the full ("max") metadata is used so numbers with a plausible length but an impossible prefix are refused.
 */
export function normalizePhone(raw: string, defaultRegion: string): PhoneResult {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'phone must not be empty' };
  const parsed = parsePhoneNumberFromString(text, defaultRegion.toUpperCase() as CountryCode);
  if (!parsed || !parsed.isValid()) {
    return { ok: false, reason: `phone must be a valid phone number (got "${raw}")` };
  }
  return { ok: true, e164: parsed.number };
}
