import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';

// Query DTOs carry class-validator metadata only, so their parameters are named for OpenAPI by decorators like this.

/** `page` and `per_page` of every paginated list. */
export const ApiPageQuery = () =>
  applyDecorators(
    ApiQuery({ name: 'page', required: false, type: Number, description: '1-based page' }),
    ApiQuery({ name: 'per_page', required: false, type: Number, description: 'rows per page, at most 100 (default 20)' }),
  );
