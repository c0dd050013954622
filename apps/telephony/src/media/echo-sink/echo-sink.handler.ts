import { Controller } from '@nestjs/common';
import { MediaStreamClaimRequest, MediaSubjects, type MediaStreamClaim, type RequestContext } from '@parley/contracts';
import { Ctx, Data, ForbiddenException, Handles } from '@parley/platform';
import { EchoMediaSink } from './echo-media-sink';

/** Registered only with MEDIA_SINK=echo: otherwise another service (voice-ai) claims the streams. */
@Controller()
export class EchoSinkHandler {
  constructor(private readonly sink: EchoMediaSink) {}

  @Handles(MediaSubjects.claimStream, MediaStreamClaimRequest)
  claim(@Data() data: MediaStreamClaimRequest, @Ctx() ctx: RequestContext): Promise<MediaStreamClaim> {
    if (!ctx.tenant_id) throw new ForbiddenException('a stream is claimed in its tenant');
    return this.sink.claim(ctx.tenant_id, data);
  }
}
