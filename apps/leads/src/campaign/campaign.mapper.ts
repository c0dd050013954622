import type { CampaignDto } from '@parley/contracts';
import type { CampaignEntity } from './campaign.entity';

export function toCampaignDto(campaign: CampaignEntity, leadCount: number): CampaignDto {
  return {
    id: campaign.id,
    name: campaign.name,
    description: campaign.description,
    type: campaign.type,
    status: campaign.status,
    ai_agent_id: campaign.aiAgentId,
    settings: campaign.settings,
    scheduled_at: campaign.scheduledAt?.toISOString() ?? null,
    started_at: campaign.startedAt?.toISOString() ?? null,
    paused_at: campaign.pausedAt?.toISOString() ?? null,
    lead_count: leadCount,
    created_at: campaign.createdAt.toISOString(),
    updated_at: campaign.updatedAt.toISOString(),
  };
}
