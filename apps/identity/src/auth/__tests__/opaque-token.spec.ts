import { OpaqueToken } from '../opaque-token';

describe('OpaqueToken', () => {
  it('issues <uuid>.<43 base64url chars> and stores only its sha256', () => {
    const token = OpaqueToken.issue();
    expect(token.value).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    expect(token.value.startsWith(`${token.id}.`)).toBe(true);
    expect(token.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(token.hash).not.toContain(token.value.split('.')[1]);
  });

  it('finds the row id of a well-formed token and nothing in a malformed one', () => {
    const token = OpaqueToken.issue();
    expect(OpaqueToken.idOf(token.value)).toBe(token.id);
    expect(OpaqueToken.idOf('not-a-token')).toBeNull();
    expect(OpaqueToken.idOf(`${token.id}.short`)).toBeNull();
    expect(OpaqueToken.idOf(`nope.${token.value.split('.')[1]}`)).toBeNull();
  });

  it('matches only the exact token it was issued as', () => {
    const token = OpaqueToken.issue();
    const other = OpaqueToken.issue(token.id);
    expect(OpaqueToken.matches(token.value, token.hash)).toBe(true);
    expect(OpaqueToken.matches(other.value, token.hash)).toBe(false);
    expect(OpaqueToken.matches(token.value, 'abcd')).toBe(false);
  });
});
