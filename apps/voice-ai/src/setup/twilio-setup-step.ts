import { ErrorCode, type MessageDto, type TelephonySettingsDto, type TelephonySettingsView } from '@parley/contracts';
import { DomainException } from '@parley/platform';
import type { SetupStepPlan, UndoOutcome } from './setup-saga';

/** The telephony requests the Twilio step needs (the tenant's settings). */
export interface TelephonySettingsPort {
  get(): Promise<TelephonySettingsView>;
  update(dto: TelephonySettingsDto): Promise<TelephonySettingsView>;
  delete(): Promise<MessageDto>;
}

/**
 * Saves the tenant's Twilio settings. Undo deletes settings saved for the first time, or puts the
 * earlier account, number and URL back (a new auth token stays: tokens are write-only).
 */
export function twilioSetupStep(twilio: TelephonySettingsDto, telephony: TelephonySettingsPort): SetupStepPlan {
  return {
    step: 'api_config.twilio',
    apply: async () => {
      const previous = await telephony.get();
      const undo = (): Promise<UndoOutcome> => undoTwilio(previous, twilio, telephony);
      try {
        await telephony.update(twilio);
      } catch (error) {
        if (!(error instanceof DomainException) || error.code !== ErrorCode.ServiceUnavailable) throw error;
        // No answer does not mean nothing was saved: undo so a failed setup leaves nothing behind.
        await undo().catch((undoError: unknown) => {
          if (undoError instanceof DomainException && undoError.code === ErrorCode.NotFound) return;
          throw new DomainException(error.code, `${error.message}; the Twilio settings may have been saved: check GET /config/telephony`);
        });
        throw error;
      }
      return { ids: [], undo };
    },
  };
}

async function undoTwilio(previous: TelephonySettingsView, applied: TelephonySettingsDto, telephony: TelephonySettingsPort): Promise<UndoOutcome> {
  if (!previous.configured || !previous.twilio_account_sid || !previous.twilio_phone_number) {
    await telephony.delete();
    return { undone: true };
  }
  await telephony.update({
    twilio_account_sid: previous.twilio_account_sid,
    twilio_phone_number: previous.twilio_phone_number,
    ...(previous.public_base_url ? { public_base_url: previous.public_base_url } : {}),
  });
  if (!applied.twilio_auth_token) return { undone: true };
  return { undone: true, note: { code: 'PARTIAL_ROLLBACK', message: 'the previous account, number and URL are back; the auth token stays the new one' } };
}
