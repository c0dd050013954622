import { candidateGates, type LexemeFrequency } from '../candidate-gates';

const words = (counts: Record<string, number>): LexemeFrequency[] => Object.entries(counts).map(([lexeme, chunks]) => ({ lexeme, chunks }));
const options = { budget: 1000, maxGates: 4 };

describe('candidateGates', () => {
  it('asks for no gate without words', () => {
    expect(candidateGates([], options)).toEqual([]);
  });

  it('ranks every chunk with any word when the words fit the budget together', () => {
    expect(candidateGates(words({ plan: 400, price: 300, premium: 300 }), options)).toEqual(["'premium' | 'price' | 'plan'"]);
  });

  it('takes the rare words first, while their summed frequency fits the budget', () => {
    // "Can I return the Beacon Mini Wi-Fi extender after 30 days?" over 10,000 chunks.
    const beacon = words({ day: 6643, return: 1325, 'wi-fi': 1735, beacon: 600, mini: 778, 30: 1068, extend: 1149 });
    expect(candidateGates(beacon, options)).toEqual(["'beacon'", "'mini'", "'30'", "'extend' | 'return' | 'wi-fi' | 'day'"]);
  });

  it('admits words no chunk holds at no cost', () => {
    expect(candidateGates(words({ lieferung: 0, '-2610': 6, mean: 478, error: 532, e: 660 }), options))
      .toEqual(["'lieferung' | '-2610' | 'mean'", "'error'", "'e'"]);
  });

  it('asks for the two rarest words together when even the rarest is over the budget', () => {
    expect(candidateGates(words({ account: 4631, lock: 1779 }), options)).toEqual(["'lock' & 'account'", "'lock'", "'account'"]);
    // A single common word cannot be narrowed.
    expect(candidateGates(words({ plan: 3103 }), options)).toEqual(["'plan'"]);
  });

  it('puts every word left into the last gate', () => {
    const many = words({ a: 900, b: 900, c: 900, d: 900, e: 900, f: 900 });
    expect(candidateGates(many, options)).toEqual(["'a'", "'b'", "'c'", "'d' | 'e' | 'f'"]);
    expect(candidateGates(many, { budget: 1000, maxGates: 1 })).toEqual(["'a' | 'b' | 'c' | 'd' | 'e' | 'f'"]);
    expect(candidateGates(words({ a: 2000, b: 3000, c: 4000 }), { budget: 1000, maxGates: 2 })).toEqual(["'a' & 'b'", "'a' | 'b' | 'c'"]);
  });

  it('orders words of equal frequency by lexeme, so a question always gets the same gates', () => {
    expect(candidateGates(words({ zoom: 700, alexa: 700 }), options)).toEqual(["'alexa'", "'zoom'"]);
  });
});
