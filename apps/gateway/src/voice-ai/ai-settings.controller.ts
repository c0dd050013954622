import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AiSettingsDto, VoiceAiSubjects, type RequestContext } from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { RequirePermissions } from '../auth/auth.decorators';
import { Caller } from '../http/request-context.decorator';

/** The tenant's OpenAI-compatible provider. The key is write-only: answers only say whether one is saved, and its last four characters. */
@ApiTags('ai configuration')
@ApiBearerAuth()
@Controller('config/ai')
export class AiSettingsController {
  constructor(private readonly bus: ServiceBus) {}

  @Get()
  @RequirePermissions('config:read')
  @ApiOperation({ summary: 'The OpenAI settings: configured?, key hint, base URL, models, default provider' })
  get(@Caller() ctx: RequestContext) {
    return this.bus.send(VoiceAiSubjects.getSettings, {}, ctx);
  }

  @Put()
  @RequirePermissions('config:write')
  @ApiOperation({ summary: 'Save the OpenAI settings (the key is encrypted at rest; omit it to keep the stored one)' })
  @ApiBody({ type: AiSettingsDto })
  update(@Body() body: AiSettingsDto, @Caller() ctx: RequestContext) {
    return this.bus.send(VoiceAiSubjects.updateSettings, body, ctx);
  }
}
