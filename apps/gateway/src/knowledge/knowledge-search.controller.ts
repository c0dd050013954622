import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { KnowledgeSubjects, SearchKnowledgeDto, type RequestContext } from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { RequirePermissions } from '../auth/auth.decorators';
import { Caller } from '../http/request-context.decorator';

@ApiTags('knowledge')
@ApiBearerAuth()
@Controller('knowledge')
export class KnowledgeSearchController {
  constructor(private readonly bus: ServiceBus) {}

  @Post('search')
  @HttpCode(200)
  @RequirePermissions('knowledge:read')
  @ApiOperation({
    summary: 'Search documents and products: ranked hits with the source, the chunk and a snippet with the matches in <mark>',
  })
  @ApiBody({ type: SearchKnowledgeDto })
  search(@Body() body: SearchKnowledgeDto, @Caller() ctx: RequestContext) {
    return this.bus.send(KnowledgeSubjects.search, body, ctx);
  }
}
