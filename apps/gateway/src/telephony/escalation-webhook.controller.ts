import { applyDecorators, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TelephonySubjects, type RequestContext } from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { Public } from '../auth/auth.decorators';
import { Caller } from '../http/request-context.decorator';
import { twilioWebhookRequest, type TwilioWebhookKind } from './twilio-webhook.request';

const ApiEscalationWebhook = (summary: string) =>
  applyDecorators(
    HttpCode(200),
    ApiOperation({ summary }),
    ApiConsumes('application/x-www-form-urlencoded'),
    ApiBody({ schema: { type: 'object', additionalProperties: { type: 'string' }, description: 'Twilio\'s form parameters, covered by the signature' } }),
    ApiProduces('text/xml'),
    ApiQuery({ name: 'tenant', required: true, type: String, format: 'uuid' }),
    ApiQuery({ name: 'call_id', required: true, type: String, format: 'uuid' }),
    ApiQuery({ name: 'escalation_id', required: true, type: String, format: 'uuid' }),
    ApiHeader({ name: 'X-Twilio-Signature', required: true, description: 'verified against the tenant\'s auth token' }),
  );

/**
 * The webhooks of a transfer to humans, set in the TwiML of an escalation: public like every
 * Twilio webhook, verified by telephony through X-Twilio-Signature, answered with TwiML.
 */
@ApiTags('twilio webhooks')
@Public()
@Controller('telephony/twilio')
export class EscalationWebhookController {
  constructor(private readonly bus: ServiceBus) {}

  @Post('dial')
  @ApiEscalationWebhook('The <Dial> to an agent ended (DialCallStatus): goodbye after a conversation, else the caller holds in the human queue')
  dial(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @Caller() ctx: RequestContext) {
    return this.forward('dial', req, reply, ctx);
  }

  @Post('queue')
  @ApiEscalationWebhook('The caller left the human queue (QueueResult: bridged to an agent, hung up, …)')
  queue(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @Caller() ctx: RequestContext) {
    return this.forward('queue', req, reply, ctx);
  }

  @Post('wait')
  @ApiEscalationWebhook('What a caller on hold hears: their place in line, then hold music')
  wait(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @Caller() ctx: RequestContext) {
    return this.forward('wait', req, reply, ctx);
  }

  private async forward(kind: TwilioWebhookKind, req: FastifyRequest, reply: FastifyReply, ctx: RequestContext): Promise<string> {
    const request = twilioWebhookRequest(kind, { url: req.url, query: req.query, headers: req.headers, body: req.body });
    const answer = await this.bus.send(TelephonySubjects.twilioWebhook, request, ctx);
    void reply.header('content-type', answer.content_type);
    return answer.body;
  }
}
