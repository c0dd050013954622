import { normalizePhone } from '../phone-number';

describe('normalizePhone', () => {
  it('reads national numbers in the default region and international ones as written', () => {
    expect(normalizePhone('(415) 555-2671', 'US')).toEqual({ ok: true, e164: '+14155552671' });
    expect(normalizePhone('+44 20 7946 0958', 'US')).toEqual({ ok: true, e164: '+442079460958' });
    expect(normalizePhone('020 7946 0958', 'gb')).toEqual({ ok: true, e164: '+442079460958' });
  });

  it('refuses what cannot be dialled, naming the field', () => {
    expect(normalizePhone('12', 'US')).toEqual({ ok: false, reason: 'phone_number must be a valid phone number (got "12")' });
    expect(normalizePhone('+1 099 555 0100', 'US')).toMatchObject({ ok: false });
    expect(normalizePhone('  ', 'US', 'to')).toEqual({ ok: false, reason: 'to must not be empty' });
  });
});
