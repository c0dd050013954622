import { applyDecorators, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TelephonySubjects, type RequestContext } from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { Public } from '../auth/auth.decorators';
import { Caller } from '../http/request-context.decorator';
import { twilioWebhookRequest, type TwilioWebhookKind } from './twilio-webhook.request';

const ApiTwilioWebhook = (summary: string) =>
  applyDecorators(
    HttpCode(200),
    ApiOperation({ summary }),
    ApiConsumes('application/x-www-form-urlencoded'),
    ApiBody({
      schema: { type: 'object', additionalProperties: { type: 'string' }, description: 'Twilio\'s form parameters (CallSid, AccountSid, CallStatus, …), covered by the signature' },
    }),
    ApiProduces('text/xml', 'text/plain'),
    ApiQuery({ name: 'tenant', required: true, type: String, format: 'uuid', description: 'set in the URL given to Twilio' }),
    ApiHeader({ name: 'X-Twilio-Signature', required: true, description: 'verified against the tenant\'s auth token' }),
  );

/**
 * Twilio's webhooks: public (Twilio has no token of ours), authenticated by telephony through
 * `X-Twilio-Signature` against the tenant's auth token. Twilio gets back whatever telephony answers.
 */
@ApiTags('twilio webhooks')
@Public()
@Controller('telephony/twilio')
export class TwilioWebhookController {
  constructor(private readonly bus: ServiceBus) {}

  @Post('voice')
  @ApiTwilioWebhook('A call came in or was answered: TwiML routing it to the AI agent or the human queue')
  voice(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @Caller() ctx: RequestContext) {
    return this.forward('voice', req, reply, ctx);
  }

  @Post('status')
  @ApiTwilioWebhook('A call status callback; retries and out-of-order callbacks change nothing')
  status(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @Caller() ctx: RequestContext) {
    return this.forward('status', req, reply, ctx);
  }

  @Post('gather')
  @ApiTwilioWebhook('The caller\'s speech or digits from <Gather>')
  gather(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @Caller() ctx: RequestContext) {
    return this.forward('gather', req, reply, ctx);
  }

  @Post('recording')
  @ApiTwilioWebhook('A recording of the call is ready')
  recording(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @Caller() ctx: RequestContext) {
    return this.forward('recording', req, reply, ctx);
  }

  @Post('amd')
  @ApiTwilioWebhook('Answering-machine detection: a human or a machine answered')
  amd(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @Caller() ctx: RequestContext) {
    return this.forward('amd', req, reply, ctx);
  }

  private async forward(kind: TwilioWebhookKind, req: FastifyRequest, reply: FastifyReply, ctx: RequestContext): Promise<string> {
    const request = twilioWebhookRequest(kind, { url: req.url, query: req.query, headers: req.headers, body: req.body });
    const answer = await this.bus.send(TelephonySubjects.twilioWebhook, request, ctx);
    void reply.header('content-type', answer.content_type);
    return answer.body;
  }
}
