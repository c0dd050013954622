import { Inject, Injectable } from '@nestjs/common';
import { LeadsSubjects, type LeadDto, type RequestContext } from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import type { LeadFacts } from '../engine/conversation-engine';
import { VOICE_AI_CONFIG, type VoiceAiConfig } from '../voice-ai.config';

/** A lead as a conversation needs it: the facts an engine sees, and the zone its spoken times are read in. */
export interface LeadContext {
  facts: LeadFacts;
  /** The lead's own zone (custom field `timezone`), when it names a valid one. */
  timezone: string | null;
  lead: LeadDto;
}

export function toLeadFacts(lead: LeadDto): LeadFacts {
  return {
    id: lead.id, name: lead.name, company: lead.company, title: lead.title, industry: lead.industry, phone: lead.phone,
    email: lead.email, status: lead.status, score: lead.score,
  };
}

/** A zone name Intl knows, else null. */
export function validTimezone(zone: unknown): string | null {
  if (typeof zone !== 'string' || zone.trim() === '') return null;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone.trim() });
    return zone.trim();
  } catch {
    return null;
  }
}

/** Reads leads through the leads service (never its tables). */
@Injectable()
export class LeadLookup {
  constructor(
    private readonly bus: ServiceBus,
    @Inject(VOICE_AI_CONFIG) private readonly config: VoiceAiConfig,
  ) {}

  /** The lead, or the bus's error (404 of another tenant's id, 503 when leads does not answer). */
  async get(leadId: string, ctx: RequestContext): Promise<LeadContext> {
    const lead = await this.bus.send(LeadsSubjects.getLead, { id: leadId }, ctx, this.config.SERVICE_TIMEOUT_MS);
    return { facts: toLeadFacts(lead), timezone: validTimezone(lead.custom_fields?.['timezone']), lead };
  }

  /** For a live phone call: a caller is never kept waiting on leads, a missing lead is simply unknown. */
  async tryGet(leadId: string, ctx: RequestContext): Promise<LeadContext | null> {
    try {
      return await this.get(leadId, ctx);
    } catch {
      return null;
    }
  }
}
