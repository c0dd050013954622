import { IntersectionType } from '@nestjs/mapped-types';
import { IsIn, IsISO8601, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { ByIdDto, PageQueryDto } from '../common/pagination';

/** What happened with a lead; each type carries a scoring signal (see the leads service's LeadScorer). */
export const ACTIVITY_TYPES = [
  'email_sent', 'email_opened', 'email_clicked', 'email_replied', 'email_bounced',
  'call_made', 'call_answered', 'call_missed', 'voicemail_left',
  'meeting', 'demo_requested', 'pricing_viewed', 'website_visit', 'form_submitted',
  'content_downloaded', 'proposal_sent', 'note', 'unsubscribed', 'callback_scheduled',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export class CreateActivityDto {
  @IsIn(ACTIVITY_TYPES)
  type: ActivityType;

  @IsOptional() @IsString() @MaxLength(2000)
  description?: string;

  @IsOptional() @IsObject()
  metadata?: Record<string, unknown>;

  /** When it happened; defaults to now. */
  @IsOptional() @IsISO8601({ strict: true })
  occurred_at?: string;
}

export class CreateActivityRequest extends IntersectionType(CreateActivityDto, ByIdDto) {}
export class ListActivitiesRequest extends IntersectionType(PageQueryDto, ByIdDto) {}

export interface ActivityDto {
  id: string;
  lead_id: string;
  type: ActivityType;
  description: string | null;
  metadata: Record<string, unknown>;
  actor_id: string | null;
  occurred_at: string;
  created_at: string;
}

/** An activity answer carries the lead's score after it, since activities feed scoring. */
export interface ActivityCreatedDto extends ActivityDto {
  lead_score: number;
}
