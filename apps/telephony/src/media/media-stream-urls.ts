import { Inject, Injectable } from '@nestjs/common';
import { MEDIA_SINK_PARAMETER } from '@parley/contracts';
import type { TwilioAccount } from '../settings/twilio-account';
import { TELEPHONY_CONFIG, type TelephonyConfig } from '../telephony.config';
import { mediaStreamUrl } from './media-stream-url';

/** The <Stream> a call's TwiML opens: its URL and the <Parameter>s Twilio repeats in `start`. */
export interface MediaStreamTwiml {
  url: string;
  parameters: Record<string, string>;
}

/** Whether calls get a Media Stream (MEDIA_STREAMS), and where. */
@Injectable()
export class MediaStreamUrls {
  constructor(@Inject(TELEPHONY_CONFIG) private readonly config: TelephonyConfig) {}

  /**
   * The stream for a call of the account's tenant; undefined when Media Streams are off. `sink`
   * names who takes it (voice-ai for AI calls on the realtime path); none: the default sink (MEDIA_SINK),
   * and no stream at all when there is no default sink.
   */
  streamFor(account: Pick<TwilioAccount, 'tenantId' | 'publicBaseUrl'>, callId: string, sink?: 'voice-ai'): MediaStreamTwiml | undefined {
    if (!this.config.MEDIA_STREAMS) return undefined;
    // No sink named and no default sink running: nobody would speak on the stream, so the call gets none.
    if (!sink && this.config.MEDIA_SINK === 'none') return undefined;
    const parameters: Record<string, string> = { tenant_id: account.tenantId, call_id: callId };
    if (sink) parameters[MEDIA_SINK_PARAMETER] = sink;
    return { url: mediaStreamUrl(account.publicBaseUrl, { tenantId: account.tenantId, callId }), parameters };
  }
}
