import { parsePhone } from '../phone-number';

describe('parsePhone', () => {
  it('turns national and international notations into E.164', () => {
    expect(parsePhone('(212) 555-0123', 'US')).toMatchObject({ ok: true, e164: '+12125550123' });
    expect(parsePhone('+44 20 7946 0958', 'US')).toMatchObject({ ok: true, e164: '+442079460958' });
    expect(parsePhone('020 7946 0958', 'GB')).toMatchObject({ ok: true, e164: '+442079460958' });
    expect(parsePhone('  +1 415 555 2671 ', 'DE')).toMatchObject({ ok: true, e164: '+14155552671' });
  });

  it('says in words why a number is refused, naming the field', () => {
    expect(parsePhone('12', 'US')).toEqual({ ok: false, reason: 'phone_number must be a valid phone number (got "12")' });
    expect(parsePhone('+1 111 555 2671', 'US')).toMatchObject({ ok: false });
    expect(parsePhone('   ', 'US', 'phone')).toEqual({ ok: false, reason: 'phone must not be empty' });
  });
});
