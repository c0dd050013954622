import type { CallStatus } from '@parley/contracts';

/** A whole number Twilio sent as text (SequenceNumber, CallDuration); null when absent or malformed. */
export function intParam(value: string | undefined): number | null {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return null;
  return Number.parseInt(value, 10);
}

/** Twilio's Timestamp (RFC 2822, e.g. "Tue, 04 Mar 2025 10:00:05 +0000"); undefined when absent or unreadable. */
export function twilioTimestamp(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** Why a call ended without being completed, from what Twilio said; null to use the default reason. */
export function failureReason(status: CallStatus, params: Record<string, string>): string | null {
  if (status !== 'failed') return null;
  if (params['ErrorMessage']) return params['ErrorCode'] ? `Twilio ${params['ErrorCode']}: ${params['ErrorMessage']}` : params['ErrorMessage'];
  if (params['SipResponseCode']) return `SIP ${params['SipResponseCode']}`;
  return null;
}
