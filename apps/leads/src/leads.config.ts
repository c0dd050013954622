import { num, str } from 'envalid';
import { baseConfigSpec, databaseConfigSpec, type ConfigOf } from '@parley/platform';

export const leadsConfigSpec = {
  ...baseConfigSpec('leads'),
  ...databaseConfigSpec('leads'),
  DEFAULT_PHONE_REGION: str({ default: 'US', desc: 'ISO country whose national phone numbers are accepted without a +country code' }),
  QUEUE_CLAIM_TTL_S: num({ default: 900, desc: 'how long a lead claimed with GET /queue/next stays reserved for the agent' }),
  QUEUE_UPDATE_DEBOUNCE_MS: num({ default: 250, desc: 'queue:update pushes are coalesced per tenant over this window' }),
  CAMPAIGN_SCHEDULER_POLL_MS: num({ default: 1000, desc: 'how often the scheduler looks for campaigns due to start' }),
  IMPORT_MAX_ERRORS: num({ default: 1000, desc: 'row errors an import answer lists (the count is always exact)' }),
  IMPORT_MAX_ROWS: num({ default: 500_000, desc: 'rows one CSV import may hold' }),
};

export type LeadsConfig = ConfigOf<typeof leadsConfigSpec>;

/** Injection token of the validated leads config. */
export const LEADS_CONFIG = Symbol('LEADS_CONFIG');
