import { normalizePhone } from '../phone-number';

describe('normalizePhone', () => {
  it('turns national and international notations into E.164', () => {
    expect(normalizePhone('(415) 555-2671', 'US')).toEqual({ ok: true, e164: '+14155552671' });
    expect(normalizePhone('415.555.2671', 'us')).toEqual({ ok: true, e164: '+14155552671' });
    expect(normalizePhone('+44 20 7946 0958', 'US')).toEqual({ ok: true, e164: '+442079460958' });
    expect(normalizePhone('020 7946 0958', 'GB')).toEqual({ ok: true, e164: '+442079460958' });
    expect(normalizePhone('  +1 415 555 2671 ', 'DE')).toEqual({ ok: true, e164: '+14155552671' });
  });

  it('explains in plain words why a number is refused', () => {
    expect(normalizePhone('12', 'US')).toEqual({ ok: false, reason: 'phone must be a valid phone number (got "12")' });
    expect(normalizePhone('not a phone', 'US')).toMatchObject({ ok: false });
    expect(normalizePhone('+1 111 555 2671', 'US')).toMatchObject({ ok: false });
    expect(normalizePhone('   ', 'US')).toEqual({ ok: false, reason: 'phone must not be empty' });
  });
});
