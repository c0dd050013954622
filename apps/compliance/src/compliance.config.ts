import { EnvError, makeValidator, num } from 'envalid';
import { isSupportedCountry } from 'libphonenumber-js/max';
import { baseConfigSpec, databaseConfigSpec, timeZone, type ConfigOf } from '@parley/platform';

/** A region libphonenumber knows, so a national number is never read in an unknown country. */
const phoneRegion = makeValidator<string>((input) => {
  const region = String(input).toUpperCase();
  if (!isSupportedCountry(region)) throw new EnvError(`"${input}" is not an ISO 3166 country libphonenumber knows`);
  return region;
});

export const complianceConfigSpec = {
  ...baseConfigSpec('compliance'),
  ...databaseConfigSpec('compliance'),
  DEFAULT_PHONE_REGION: phoneRegion({ default: 'US', desc: 'ISO country whose national phone numbers are accepted without a +country code' }),
  DEFAULT_CALLING_TIMEZONE: timeZone({
    default: 'America/New_York',
    desc: "zone of a number that maps to several zones or none, unless the tenant set fallback_timezone",
  }),
  CALLING_WINDOWS_CACHE_TTL_MS: num({
    default: 5000,
    desc: "how long a replica reuses a tenant's calling windows for checks (an update on the same replica applies at once)",
  }),
  PHONE_TIMEZONE_CACHE_SIZE: num({ default: 100_000, desc: 'numbers whose derived time zones are kept in memory' }),
  DNC_IMPORT_MAX_ROWS: num({ default: 1_000_000, desc: 'rows one do-not-call CSV import may hold' }),
  DNC_IMPORT_MAX_ERRORS: num({ default: 1000, desc: 'row errors an import answer lists (the count is always exact)' }),
};

export type ComplianceConfig = ConfigOf<typeof complianceConfigSpec>;

/** Injection token of the validated compliance config. */
export const COMPLIANCE_CONFIG = Symbol('COMPLIANCE_CONFIG');
