import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { EXPORT_FORMATS, LEAD_SORT_FIELDS, LEAD_STATUSES } from '@parley/contracts';

// Query DTOs carry class-validator metadata only, so their parameters are named for OpenAPI here.

export const ApiLeadFilters = () =>
  applyDecorators(
    ApiQuery({ name: 'status', required: false, enum: LEAD_STATUSES }),
    ApiQuery({ name: 'source', required: false, type: String }),
    ApiQuery({ name: 'assigned_to', required: false, type: String, format: 'uuid' }),
    ApiQuery({ name: 'campaign_id', required: false, type: String, format: 'uuid' }),
    ApiQuery({ name: 'min_score', required: false, type: Number, description: '0..1' }),
    ApiQuery({ name: 'search', required: false, type: String, description: 'free text over name, email and company' }),
  );

export const ApiLeadSort = () =>
  applyDecorators(
    ApiQuery({ name: 'sort_by', required: false, enum: LEAD_SORT_FIELDS }),
    ApiQuery({ name: 'sort_order', required: false, enum: ['asc', 'desc'] }),
  );

export const ApiExportFormat = () => ApiQuery({ name: 'format', required: false, enum: EXPORT_FORMATS, description: 'default csv' });
