/** A tenant's Twilio account, its token opened: only ever held in memory for one request. */
export interface TwilioAccount {
  tenantId: string;
  accountSid: string;
  authToken: string;
  /** E.164. */
  phoneNumber: string;
  /** The tenant's public base URL, or the service's PUBLIC_BASE_URL; no trailing slash. */
  publicBaseUrl: string;
}
