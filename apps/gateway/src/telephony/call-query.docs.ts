import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { CALL_DIRECTIONS, CALL_STATUSES, CALL_TYPES } from '@parley/contracts';

// Query DTOs carry class-validator metadata only, so their parameters are named for OpenAPI here.

export const ApiCallFilters = () =>
  applyDecorators(
    ApiQuery({ name: 'status', required: false, enum: CALL_STATUSES }),
    ApiQuery({ name: 'direction', required: false, enum: CALL_DIRECTIONS }),
    ApiQuery({ name: 'type', required: false, enum: CALL_TYPES }),
    ApiQuery({ name: 'agent_id', required: false, type: String, format: 'uuid', description: 'the human agent on the call' }),
    ApiQuery({ name: 'ai_agent_id', required: false, type: String, format: 'uuid' }),
    ApiQuery({ name: 'lead_id', required: false, type: String, format: 'uuid' }),
    ApiQuery({ name: 'business_id', required: false, type: String, format: 'uuid' }),
    ApiQuery({ name: 'from_date', required: false, type: String, format: 'date-time', description: 'calls created at or after' }),
    ApiQuery({ name: 'to_date', required: false, type: String, format: 'date-time', description: 'calls created at or before' }),
    ApiQuery({ name: 'search', required: false, type: String, description: 'free text over numbers, summary and tags' }),
  );

export const ApiCallLogPage = () =>
  applyDecorators(
    ApiQuery({ name: 'page', required: false, type: Number, description: '1-based page' }),
    ApiQuery({ name: 'limit', required: false, type: Number, description: 'rows per page, at most 100 (default 20); per_page works too' }),
  );
