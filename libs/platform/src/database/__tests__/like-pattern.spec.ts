import { containsLikePattern } from '../like-pattern';

describe('containsLikePattern', () => {
  it('wraps the term in % wildcards', () => {
    expect(containsLikePattern('acme')).toBe('%acme%');
  });

  it('makes %, _ and \\ in the term match themselves', () => {
    expect(containsLikePattern('50%_off\\now')).toBe('%50\\%\\_off\\\\now%');
  });
});
