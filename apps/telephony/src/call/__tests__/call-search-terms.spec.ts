import { callSearchPatterns } from '../call-search-terms';

describe('callSearchPatterns', () => {
  it('matches words as typed, lower-cased and with LIKE wildcards escaped', () => {
    expect(callSearchPatterns('  Pricing ')).toEqual(['%pricing%']);
    expect(callSearchPatterns('50%_off')).toEqual(['%50\\%\\_off%']);
  });

  it('also matches a typed phone number by its digits', () => {
    expect(callSearchPatterns('(415) 555-2671')).toEqual(['%(415) 555-2671%', '%4155552671%']);
    expect(callSearchPatterns('+1415')).toEqual(['%+1415%', '%1415%']);
    expect(callSearchPatterns('2671')).toEqual(['%2671%']);
  });

  it('matches nothing for an empty search', () => {
    expect(callSearchPatterns(undefined)).toEqual([]);
    expect(callSearchPatterns('   ')).toEqual([]);
  });
});
