import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';

/**
 * The SDK's own HTTP client, sending what it would send to Twilio's API hosts
 * (api.twilio.com, or an edge/region host) to `apiBaseUrl` instead: a fake Twilio in tests and
 * local runs. Empty `apiBaseUrl`: requests go to Twilio unchanged.
 */
export class RedirectingRequestClient extends twilio.RequestClient {
  constructor(
    private readonly apiBaseUrl: string,
    options: RequestClient.RequestClientOptions = {},
  ) {
    super(options);
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    return super.request({ ...opts, uri: redirectTwilioUri(opts.uri, this.apiBaseUrl) });
  }
}

/** `https://api.twilio.com/2010-04-01/…` → `${apiBaseUrl}/2010-04-01/…`; other URLs unchanged. */
export function redirectTwilioUri(uri: string, apiBaseUrl: string): string {
  if (!apiBaseUrl) return uri;
  const url = new URL(uri);
  if (url.hostname !== 'twilio.com' && !url.hostname.endsWith('.twilio.com')) return uri;
  return `${apiBaseUrl.replace(/\/+$/, '')}${url.pathname}${url.search}`;
}
