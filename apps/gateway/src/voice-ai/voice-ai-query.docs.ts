import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { AI_AGENT_STATUSES, VOICE_CALL_STATUSES } from '@parley/contracts';

// Query DTOs carry class-validator metadata only, so their parameters are named for OpenAPI here.

/** The filter of `GET /ai-agents`. */
export const ApiAiAgentFilters = () =>
  applyDecorators(ApiQuery({ name: 'status', required: false, enum: AI_AGENT_STATUSES }));

/** The filters of `GET /voice/calls`. */
export const ApiVoiceCallFilters = () =>
  applyDecorators(
    ApiQuery({ name: 'ai_agent_id', required: false, type: String, format: 'uuid' }),
    ApiQuery({ name: 'lead_id', required: false, type: String, format: 'uuid' }),
    ApiQuery({ name: 'status', required: false, enum: VOICE_CALL_STATUSES }),
  );

/** `limit` of `GET /ai-agents/:id/conversations`. */
export const ApiConversationsLimit = () =>
  applyDecorators(ApiQuery({ name: 'limit', required: false, type: Number, description: 'how many of the newest conversations to list, 1…100' }));
