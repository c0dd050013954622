import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES } from '@parley/contracts';

// Query DTOs carry class-validator metadata only, so their parameters are named for OpenAPI here.

export const ApiDocumentFilters = () =>
  applyDecorators(
    ApiQuery({ name: 'status', required: false, enum: DOCUMENT_STATUSES }),
    ApiQuery({ name: 'type', required: false, enum: DOCUMENT_TYPES }),
    ApiQuery({ name: 'category', required: false, type: String }),
    ApiQuery({ name: 'knowledge_base', required: false, type: String }),
    ApiQuery({ name: 'search', required: false, type: String, description: 'free text over titles and sources' }),
  );

export const ApiProductFilters = () =>
  applyDecorators(
    ApiQuery({ name: 'query', required: false, type: String, description: 'ranks products by relevance to this text' }),
    ApiQuery({ name: 'category', required: false, type: String }),
    ApiQuery({ name: 'limit', required: false, type: Number, description: 'same as per_page, at most 100' }),
  );
