import type { ActivityDto } from '@parley/contracts';
import type { LeadActivityEntity } from './lead-activity.entity';

export function toActivityDto(activity: LeadActivityEntity): ActivityDto {
  return {
    id: activity.id,
    lead_id: activity.leadId,
    type: activity.type,
    description: activity.description,
    metadata: activity.metadata,
    actor_id: activity.actorId,
    occurred_at: activity.occurredAt.toISOString(),
    created_at: activity.createdAt.toISOString(),
  };
}
