import { parseFirstNumber, parseHeadcount, parseMoneyAmount, parseSpokenAmounts } from '../spoken-amount-parser';

describe('spoken amounts', () => {
  it.each<[string, number]>([
    ['$5,000 a month', 5000],
    ['around 5k', 5000],
    ['we spend 1.5 million dollars a year', 1_500_000],
    ['fifty thousand dollars', 50_000],
    ['about twenty grand', 20_000],
    ['two hundred fifty thousand', 250_000],
    ['a thousand bucks', 1000],
    ['€300 per seat', 300],
  ])('"%s" is %d', (text, value) => {
    expect(parseMoneyAmount(text)).toBe(value);
  });

  it('marks money and the unit after a number', () => {
    expect(parseSpokenAmounts('$2,000 for 12 reps')).toEqual([
      { value: 2000, money: true, unit: 'for', index: 1 },
      { value: 12, money: false, unit: 'reps', index: 11 },
    ]);
  });

  it.each<[string, number | null]>([
    ['we have 25 reps', 25],
    ['a team of twelve', 12],
    ['about forty-five people', 45],
    ['a dozen agents', 12],
    ['we spend $25 a seat', null],
  ])('headcount in "%s" is %s', (text, count) => {
    expect(parseHeadcount(text)).toBe(count);
  });

  it('has no amount where nothing is counted', () => {
    expect(parseMoneyAmount('we are not sure yet')).toBeNull();
    expect(parseFirstNumber('no numbers here')).toBeNull();
    expect(parseFirstNumber('maybe 3 or 4')).toBe(3);
  });
});
