import type { LeadFieldsDto } from '@parley/contracts';
import { ValidationException } from '@parley/platform';
import type { LeadEntity } from './lead.entity';
import { normalizePhone } from './phone-number';

export type LeadField = keyof LeadFieldsDto;

/** Each writable contract field and the entity property that stores it. */
export const LEAD_FIELD_COLUMNS = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  company: 'company',
  title: 'title',
  industry: 'industry',
  company_size: 'companySize',
  annual_revenue: 'annualRevenue',
  budget: 'budget',
  website: 'website',
  country: 'country',
  source: 'source',
  status: 'status',
  campaign_id: 'campaignId',
  assigned_to: 'assignedTo',
  tags: 'tags',
  notes: 'notes',
  custom_fields: 'customFields',
} as const satisfies Record<LeadField, keyof LeadEntity>;

export const LEAD_FIELDS = Object.keys(LEAD_FIELD_COLUMNS) as LeadField[];

/** The stored form of every field: what a PUT writes, and what PATCH merges into. */
export type LeadValues = { -readonly [F in LeadField]-?: LeadEntity[(typeof LEAD_FIELD_COLUMNS)[F]] };

/** What a field becomes when a PUT leaves it out; status is not here, it only moves through the lifecycle. */
const REPLACE_DEFAULTS: Omit<LeadValues, 'name' | 'status'> = {
  email: null, phone: null, company: null, title: null, industry: null, company_size: null, annual_revenue: null,
  budget: null, website: null, country: null, source: 'manual', campaign_id: null, assigned_to: null, tags: [],
  notes: null, custom_fields: {},
};

const blankToNull = (value: string | null | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/**
 * Normalises the fields a request names (undefined = not named): trimmed text, lower-cased email,
 * E.164 phone. A phone that does not parse is a 422 naming the field.
 */
export function normaliseLeadFields(dto: Partial<LeadFieldsDto>, phoneRegion: string): Partial<LeadValues> {
  const out: Partial<LeadValues> = {};
  for (const field of LEAD_FIELDS) {
    const value = dto[field];
    if (value === undefined) continue;
    (out as Record<string, unknown>)[field] = value;
  }
  if (dto.name !== undefined) out.name = dto.name.trim();
  for (const field of ['company', 'title', 'industry', 'website', 'country', 'notes'] as const) {
    if (dto[field] !== undefined) out[field] = blankToNull(dto[field]);
  }
  if (dto.email !== undefined) out.email = blankToNull(dto.email)?.toLowerCase() ?? null;
  if (dto.source !== undefined) out.source = dto.source.trim() || 'manual';
  if (dto.tags !== undefined) out.tags = [...new Set(dto.tags.map((tag) => tag.trim()).filter(Boolean))];
  if (dto.phone !== undefined) {
    const raw = blankToNull(dto.phone);
    if (raw === null) {
      out.phone = null;
    } else {
      const phone = normalizePhone(raw, phoneRegion);
      if (!phone.ok) throw new ValidationException(phone.reason, { field: 'phone', fields: { phone: [phone.reason] } });
      out.phone = phone.e164;
    }
  }
  if (out.name === '') {
    throw new ValidationException('name must not be blank', { field: 'name', fields: { name: ['name must not be blank'] } });
  }
  return out;
}

/** A PUT: every field replaced, the ones left out reset to their defaults (status kept). */
export function replacementValues(given: Partial<LeadValues>, current: LeadEntity): LeadValues {
  return { ...REPLACE_DEFAULTS, status: current.status, ...definedOnly(given) } as LeadValues;
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields whose new value differs from the lead's current one. */
export function changedFields(lead: LeadEntity, values: Partial<LeadValues>): LeadField[] {
  return LEAD_FIELDS.filter((field) => {
    const value = values[field];
    return value !== undefined && !sameValue(lead[LEAD_FIELD_COLUMNS[field]], value);
  });
}
