import { isTimeZone } from 'class-validator';
import { EnvError, makeValidator } from 'envalid';

/** Empty, or an http(s) base URL without a trailing slash (a vendor's API base: Twilio, OpenAI). */
export const optionalBaseUrl = makeValidator<string>((input) => {
  const value = input.trim().replace(/\/+$/, '');
  if (value === '') return '';
  if (!/^https?:\/\/[^/]+/.test(value)) throw new EnvError('must be an http(s) URL, or empty');
  return value;
});

/** An IANA zone Intl accepts: a typo must stop the service, not silently read times in the wrong zone. */
export const timeZone = makeValidator<string>((input) => {
  if (!isTimeZone(input)) throw new EnvError(`"${input}" is not an IANA time zone`);
  return String(input);
});
