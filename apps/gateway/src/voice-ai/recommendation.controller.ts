import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RecommendationRequestDto, VoiceAiSubjects, type RequestContext } from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { RequirePermissions } from '../auth/auth.decorators';
import { Caller } from '../http/request-context.decorator';

/** The next best action for a lead, from its score, activities and AI conversations. */
@ApiTags('intelligence')
@ApiBearerAuth()
@Controller('intelligence')
export class RecommendationController {
  constructor(private readonly bus: ServiceBus) {}

  @Post('recommendations')
  @HttpCode(200)
  @RequirePermissions('leads:read')
  @ApiOperation({ summary: 'What to do next with a lead (call now, schedule a callback, send a proposal…), with the reasons' })
  @ApiBody({ type: RecommendationRequestDto })
  recommend(@Body() body: RecommendationRequestDto, @Caller() ctx: RequestContext) {
    return this.bus.send(VoiceAiSubjects.recommendations, body, ctx);
  }
}
