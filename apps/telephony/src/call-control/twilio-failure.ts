import twilio from 'twilio';

/** What Twilio (or the way to it) said when a REST request failed: for logs, the call and the 503. */
export interface TwilioFailure {
  message: string;
  twilio_code: number | null;
  twilio_status: number | null;
  more_info: string | null;
}

export function twilioFailure(error: unknown): TwilioFailure {
  if (error instanceof twilio.RestException) {
    return { message: error.message, twilio_code: error.code ?? null, twilio_status: error.status, more_info: error.moreInfo ?? null };
  }
  // Network errors (refused, timed out, DNS) come from axios with a code such as ECONNREFUSED.
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return { message: typeof code === 'string' ? `Twilio unreachable (${code}): ${message}` : `Twilio unreachable: ${message}`, twilio_code: null, twilio_status: null, more_info: null };
}

/** Why a call failed, as stored on it and sent in call.failed. */
export function failureReasonOf(failure: TwilioFailure): string {
  return failure.twilio_code !== null ? `Twilio ${failure.twilio_code}: ${failure.message}` : failure.message;
}
