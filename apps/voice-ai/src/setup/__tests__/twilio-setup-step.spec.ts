import { ErrorCode, type TelephonySettingsDto, type TelephonySettingsView } from '@parley/contracts';
import { DomainException } from '@parley/platform';
import { twilioSetupStep, type TelephonySettingsPort } from '../twilio-setup-step';

const NOT_CONFIGURED: TelephonySettingsView = {
  twilio_account_sid: null, twilio_auth_token: null, twilio_phone_number: null, public_base_url: null, configured: false, updated_at: null,
};
const NEW: TelephonySettingsDto = { twilio_account_sid: `AC${'b'.repeat(32)}`, twilio_auth_token: 'new-token-0000wxyz', twilio_phone_number: '+14155550111' };

/** Telephony's settings for one tenant, as its handlers answer them (tokens kept in clear here to check what stays). */
class TelephonySettingsDouble implements TelephonySettingsPort {
  stored: (TelephonySettingsDto & { token: string }) | null = null;
  calls: string[] = [];
  /** The next update is saved, but answered as "did not answer". */
  loseNextAnswer = false;
  /** The next update is not saved and answered as "did not answer". */
  dropNextUpdate = false;
  down = false;

  async get(): Promise<TelephonySettingsView> {
    this.calls.push('get');
    return this.view();
  }

  private view(): TelephonySettingsView {
    const s = this.stored;
    if (!s) return NOT_CONFIGURED;
    return {
      twilio_account_sid: s.twilio_account_sid, twilio_auth_token: `••••${s.token.slice(-4)}`, twilio_phone_number: s.twilio_phone_number,
      public_base_url: s.public_base_url ?? null, configured: true, updated_at: new Date().toISOString(),
    };
  }

  async update(dto: TelephonySettingsDto): Promise<TelephonySettingsView> {
    this.calls.push('update');
    this.assertUp();
    if (this.dropNextUpdate) {
      this.dropNextUpdate = false;
      throw unavailable();
    }
    const token = dto.twilio_auth_token ?? this.stored?.token;
    if (!token) throw new DomainException(ErrorCode.ValidationFailed, 'twilio_auth_token is required the first time telephony is configured');
    this.stored = { ...dto, token };
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw unavailable();
    }
    return this.view();
  }

  async delete() {
    this.calls.push('delete');
    this.assertUp();
    if (!this.stored) throw new DomainException(ErrorCode.NotFound, 'Twilio settings not found');
    this.stored = null;
    return { message: 'telephony settings deleted' };
  }

  private assertUp(): void {
    if (this.down) throw unavailable();
  }
}

const unavailable = () => new DomainException(ErrorCode.ServiceUnavailable, 'telephony service did not answer');

describe('twilioSetupStep', () => {
  it('undoes settings saved for the first time by deleting them', async () => {
    const telephony = new TelephonySettingsDouble();
    const { ids, undo } = await twilioSetupStep(NEW, telephony).apply();
    expect(ids).toEqual([]);
    expect(telephony.stored).toMatchObject({ twilio_account_sid: NEW.twilio_account_sid, token: NEW.twilio_auth_token });
    await expect(undo()).resolves.toEqual({ undone: true });
    expect(telephony.stored).toBeNull();
    expect(telephony.calls).toEqual(['get', 'update', 'delete']);
  });

  it('puts earlier settings back; a new token stays (write-only), and says so', async () => {
    const telephony = new TelephonySettingsDouble();
    telephony.stored = { twilio_account_sid: `AC${'a'.repeat(32)}`, twilio_phone_number: '+14155550100', public_base_url: 'https://old.example.com', token: 'old-token-0000abcd' };
    const { undo } = await twilioSetupStep(NEW, telephony).apply();
    await expect(undo()).resolves.toEqual({ undone: true, note: { code: 'PARTIAL_ROLLBACK', message: expect.stringContaining('auth token') } });
    expect(telephony.stored).toEqual({
      twilio_account_sid: `AC${'a'.repeat(32)}`, twilio_phone_number: '+14155550100', public_base_url: 'https://old.example.com', token: NEW.twilio_auth_token,
    });
  });

  it('puts earlier settings back entirely when the setup sent no token', async () => {
    const telephony = new TelephonySettingsDouble();
    const before = { twilio_account_sid: `AC${'a'.repeat(32)}`, twilio_phone_number: '+14155550100', token: 'old-token-0000abcd' };
    telephony.stored = { ...before };
    const { undo } = await twilioSetupStep({ twilio_account_sid: NEW.twilio_account_sid, twilio_phone_number: NEW.twilio_phone_number }, telephony).apply();
    expect(telephony.stored).toMatchObject({ twilio_phone_number: NEW.twilio_phone_number, token: before.token });
    await expect(undo()).resolves.toEqual({ undone: true });
    expect(telephony.stored).toEqual(before);
  });

  it('fails without undoing anything when telephony refuses the settings', async () => {
    const telephony = new TelephonySettingsDouble();
    const apply = twilioSetupStep({ twilio_account_sid: NEW.twilio_account_sid, twilio_phone_number: NEW.twilio_phone_number }, telephony).apply();
    await expect(apply).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    expect(telephony.calls).toEqual(['get', 'update']);
  });

  it('undoes a save whose answer was lost, so the failed step leaves nothing behind', async () => {
    const telephony = new TelephonySettingsDouble();
    telephony.loseNextAnswer = true;
    await expect(twilioSetupStep(NEW, telephony).apply()).rejects.toMatchObject({ code: ErrorCode.ServiceUnavailable, message: 'telephony service did not answer' });
    expect(telephony.stored).toBeNull();

    const before = { twilio_account_sid: `AC${'a'.repeat(32)}`, twilio_phone_number: '+14155550100', token: 'old-token-0000abcd' };
    telephony.stored = { ...before };
    telephony.loseNextAnswer = true;
    await expect(twilioSetupStep(NEW, telephony).apply()).rejects.toMatchObject({ code: ErrorCode.ServiceUnavailable });
    expect(telephony.stored).toMatchObject({ twilio_account_sid: before.twilio_account_sid, twilio_phone_number: before.twilio_phone_number });
  });

  it('answers the plain failure when nothing was saved, and warns when the undo could not run', async () => {
    const telephony = new TelephonySettingsDouble();
    telephony.dropNextUpdate = true;
    await expect(twilioSetupStep(NEW, telephony).apply()).rejects.toMatchObject({ code: ErrorCode.ServiceUnavailable, message: 'telephony service did not answer' });
    expect(telephony.calls).toEqual(['get', 'update', 'delete']);

    telephony.down = true;
    await expect(twilioSetupStep(NEW, telephony).apply()).rejects.toMatchObject({
      code: ErrorCode.ServiceUnavailable, message: expect.stringContaining('may have been saved'),
    });
  });
});
