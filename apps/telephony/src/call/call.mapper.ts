import type { CallDetailDto, CallDto } from '@parley/contracts';
import { toTranscriptDto } from './call-transcript';
import type { CallEntity } from './call.entity';

export function toCallDto(call: CallEntity): CallDto {
  return {
    id: call.id,
    direction: call.direction,
    type: call.type,
    status: call.status,
    lead_id: call.leadId,
    ai_agent_id: call.aiAgentId,
    agent_id: call.agentId,
    business_id: call.businessId,
    from_number: call.fromNumber,
    to_number: call.toNumber,
    provider_call_id: call.providerCallId,
    started_at: call.startedAt?.toISOString() ?? null,
    answered_at: call.answeredAt?.toISOString() ?? null,
    ended_at: call.endedAt?.toISOString() ?? null,
    duration_seconds: call.durationSeconds,
    recording_url: call.recordingUrl,
    summary: call.summary,
    sentiment: call.sentiment,
    tags: call.tags,
    resolution: call.resolution,
    outcome: call.outcome,
    metadata: call.metadata,
    created_at: call.createdAt.toISOString(),
    updated_at: call.updatedAt.toISOString(),
  };
}

export function toCallDetailDto(call: CallEntity, notesCount: number): CallDetailDto {
  return { ...toCallDto(call), transcript: toTranscriptDto(call.transcript), analysis: call.analysis, notes_count: notesCount };
}
