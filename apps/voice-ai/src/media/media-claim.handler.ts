import { Controller } from '@nestjs/common';
import { MediaStreamClaimRequest, MediaSubjects, type MediaStreamClaim, type RequestContext } from '@parley/contracts';
import { Ctx, Data, ForbiddenException, Handles } from '@parley/platform';
import { RealtimeBridge } from './realtime-bridge';

/**
 * Telephony asks voice-ai to take the Media Streams whose TwiML named it as their sink (phone calls
 * on the openai provider); a claim for a call that is not such a call is refused (NotFound).
 */
@Controller()
export class MediaClaimHandler {
  constructor(private readonly bridge: RealtimeBridge) {}

  @Handles(MediaSubjects.claimVoiceAiStream, MediaStreamClaimRequest)
  claim(@Data() data: MediaStreamClaimRequest, @Ctx() ctx: RequestContext): Promise<MediaStreamClaim> {
    if (!ctx.tenant_id) throw new ForbiddenException('a stream is claimed in its tenant');
    return this.bridge.claim(ctx.tenant_id, data);
  }
}
