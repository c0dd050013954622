import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateProductDto, KnowledgeSubjects, ProductQueryDto, type RequestContext } from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { RequirePermissions } from '../auth/auth.decorators';
import { ApiPageQuery } from '../docs/page-query.docs';
import { Caller } from '../http/request-context.decorator';
import { UuidParam } from '../http/uuid-param.pipe';
import { ApiProductFilters } from './knowledge-query.docs';

/** The product catalog; products are searchable like documents. */
@ApiTags('knowledge')
@ApiBearerAuth()
@Controller('knowledge/products')
export class KnowledgeProductController {
  constructor(private readonly bus: ServiceBus) {}

  @Post()
  @RequirePermissions('knowledge:write')
  @ApiOperation({ summary: 'Add a product to the catalog; it is indexed for search at once' })
  @ApiBody({ type: CreateProductDto })
  create(@Body() body: CreateProductDto, @Caller() ctx: RequestContext) {
    return this.bus.send(KnowledgeSubjects.createProduct, body, ctx);
  }

  @Get()
  @RequirePermissions('knowledge:read')
  @ApiOperation({ summary: 'List products: ranked by relevance with query, newest first otherwise' })
  @ApiPageQuery()
  @ApiProductFilters()
  list(@Query() query: ProductQueryDto, @Caller() ctx: RequestContext) {
    return this.bus.send(KnowledgeSubjects.listProducts, query, ctx);
  }

  @Get(':id')
  @RequirePermissions('knowledge:read')
  get(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(KnowledgeSubjects.getProduct, { id }, ctx);
  }
}
