import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { DNC_SOURCES } from '@parley/contracts';

// Query DTOs carry class-validator metadata only, so their parameters are named for OpenAPI here.

export const ApiDncFilters = () =>
  applyDecorators(
    ApiQuery({ name: 'source', required: false, enum: DNC_SOURCES }),
    ApiQuery({ name: 'search', required: false, type: String, description: 'digits of the number in any notation, or words of the reason' }),
  );
