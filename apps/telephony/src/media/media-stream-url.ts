import { isUUID } from 'class-validator';
import { TWILIO_MEDIA_STREAM_PATH } from '@parley/contracts';

/** The tenant and call a Media Streams URL is for. */
export interface MediaStreamTarget {
  tenantId: string;
  callId: string;
}

/**
 * The URL Twilio opens a call's stream at (the <Stream url>), and the URL its upgrade request is
 * signed over: the public base URL with its scheme made ws(s), the tenant and call in the path
 * (Twilio drops a <Stream> URL's query string).
 */
export function mediaStreamUrl(publicBaseUrl: string, target: MediaStreamTarget): string {
  const base = publicBaseUrl.replace(/\/+$/, '').replace(/^http(s?):\/\//i, (_, secure: string) => `ws${secure.toLowerCase()}://`);
  return `${base}${TWILIO_MEDIA_STREAM_PATH}/${target.tenantId}/${target.callId}`;
}

/** The target of an upgrade request's path (`/api/v1/telephony/twilio/media/<tenant>/<call>`); null for anything else. */
export function mediaStreamTargetOf(requestUrl: string | undefined): MediaStreamTarget | null {
  if (!requestUrl) return null;
  const path = requestUrl.split('?')[0];
  const prefix = `${TWILIO_MEDIA_STREAM_PATH}/`;
  if (!path.startsWith(prefix)) return null;
  const segments = path.slice(prefix.length).split('/');
  if (segments.length !== 2) return null;
  const [tenantId, callId] = segments;
  return isUUID(tenantId) && isUUID(callId) ? { tenantId, callId } : null;
}
