import type { LeadDto } from '@parley/contracts';
import { priorityOf } from '../scoring/lead-scorer';
import type { LeadEntity } from './lead.entity';

/** The score column is a float4: show it as the 3-decimal number the scorer produced. */
export const storedScore = (score: number) => Math.round(score * 1000) / 1000;

export function toLeadDto(lead: LeadEntity): LeadDto {
  const score = storedScore(lead.score);
  return {
    id: lead.id,
    name: lead.name,
    email: lead.email,
    phone: lead.phone,
    company: lead.company,
    title: lead.title,
    industry: lead.industry,
    company_size: lead.companySize,
    annual_revenue: lead.annualRevenue,
    budget: lead.budget,
    website: lead.website,
    country: lead.country,
    source: lead.source,
    status: lead.status,
    // Same thresholds as the generated column, computed here so an in-memory change shows at once.
    priority: priorityOf(score),
    score,
    score_breakdown: lead.scoreBreakdown,
    campaign_id: lead.campaignId,
    assigned_to: lead.assignedTo,
    tags: lead.tags,
    notes: lead.notes,
    custom_fields: lead.customFields,
    last_contacted_at: lead.lastContactedAt?.toISOString() ?? null,
    created_at: lead.createdAt.toISOString(),
    updated_at: lead.updatedAt.toISOString(),
  };
}
