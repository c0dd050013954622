import { Controller } from '@nestjs/common';
import { TelephonySubjects, TwilioWebhookRequest, type RequestContext, type TwilioWebhookResponse } from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { TwilioWebhookService } from './twilio-webhook.service';

@Controller()
export class TwilioWebhookHandler {
  constructor(private readonly webhooks: TwilioWebhookService) {}

  @Handles(TelephonySubjects.twilioWebhook, TwilioWebhookRequest)
  handle(@Data() data: TwilioWebhookRequest, @Ctx() ctx: RequestContext): Promise<TwilioWebhookResponse> {
    return this.webhooks.handle(data, ctx);
  }
}
