/** A number said in a sentence: "$5,000", "5k", "fifty thousand dollars", "1.5 million", "twenty people". */
export interface SpokenAmount {
  value: number;
  /** Said as money ("$", "dollars", "bucks", "euros", "usd", "k" after a currency). */
  money: boolean;
  /** The word right after the number ("people", "seats", "month"), lower case, or null. */
  unit: string | null;
  /** Where the number starts in the text, for "which number is closest to the keyword". */
  index: number;
}

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, dozen: 12, couple: 2,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = {
  hundred: 100, thousand: 1_000, grand: 1_000, k: 1_000, million: 1_000_000, mil: 1_000_000, m: 1_000_000, billion: 1_000_000_000,
  bn: 1_000_000_000,
};
const MONEY_WORDS = new Set(['dollar', 'dollars', 'bucks', 'usd', 'eur', 'euro', 'euros', 'pounds', 'gbp', 'quid', 'grand']);
const CURRENCY_SIGNS = /[$€£]/;
const NUMBER_WORDS = new Set([...Object.keys(UNITS), ...Object.keys(TENS), 'hundred', 'thousand', 'million', 'billion', 'grand']);

/** Tokens: numerals (with separators and an optional k/m suffix), words, currency signs. */
const TOKEN = /[$€£]|\d[\d,]*(?:\.\d+)?(?:k|m|bn)?\b|[a-z]+(?:-[a-z]+)?/g;

interface Token { text: string; index: number }

export function parseSpokenAmounts(text: string): SpokenAmount[] {
  const tokens: Token[] = [];
  const lower = text.toLowerCase();
  for (const match of lower.matchAll(TOKEN)) tokens.push({ text: match[0], index: match.index ?? 0 });
  const amounts: SpokenAmount[] = [];
  let i = 0;
  while (i < tokens.length) {
    const currencyBefore = i > 0 && CURRENCY_SIGNS.test(tokens[i - 1].text);
    const parsed = readNumber(tokens, i);
    if (parsed === null) { i += 1; continue; }
    const next = tokens[parsed.end];
    const unit = next !== undefined && !CURRENCY_SIGNS.test(next.text) ? next.text : null;
    const money = currencyBefore || (unit !== null && MONEY_WORDS.has(unit)) || parsed.grand;
    amounts.push({ value: parsed.value, money, unit, index: tokens[i].index });
    i = parsed.end;
  }
  return amounts;
}

/** The amount said as money, else the largest number said with a scale word ("fifty thousand"). */
export function parseMoneyAmount(text: string): number | null {
  const amounts = parseSpokenAmounts(text);
  const money = amounts.find((a) => a.money);
  if (money !== undefined) return money.value;
  const large = amounts.filter((a) => a.value >= 100).sort((a, b) => b.value - a.value)[0];
  return large?.value ?? null;
}

/** A count of people, seats or users ("about 25 reps", "a team of twelve"). */
export function parseHeadcount(text: string): number | null {
  const people = /^(people|persons|users|seats|agents|reps|employees|staff|sellers|salespeople|members|folks|guys|callers|licenses|licences)$/;
  const amounts = parseSpokenAmounts(text);
  const counted = amounts.find((a) => !a.money && a.unit !== null && people.test(a.unit));
  if (counted !== undefined) return counted.value;
  const teamOf = /\bteam of\s+/.exec(text.toLowerCase());
  if (teamOf !== null) {
    const after = amounts.find((a) => a.index >= teamOf.index && !a.money);
    if (after !== undefined) return after.value;
  }
  return null;
}

/** The first plain number in the text (money or not). */
export function parseFirstNumber(text: string): number | null {
  return parseSpokenAmounts(text)[0]?.value ?? null;
}

function readNumber(tokens: Token[], start: number): { value: number; end: number; grand: boolean } | null {
  const first = tokens[start].text;
  if (/^\d/.test(first)) return readNumeral(tokens, start);
  const hyphenated = first.split('-');
  const compound = hyphenated.length === 2 && TENS[hyphenated[0]] !== undefined && UNITS[hyphenated[1]] !== undefined;
  if (!NUMBER_WORDS.has(first) && !compound && !(first === 'a' && isScaleAhead(tokens, start + 1))) return null;
  if (first === 'couple' || first === 'dozen') return null;
  return readWords(tokens, start);
}

function readNumeral(tokens: Token[], start: number): { value: number; end: number; grand: boolean } {
  const raw = tokens[start].text;
  const suffix = /(k|m|bn)$/.exec(raw)?.[1];
  let value = Number(raw.replace(/(k|m|bn)$/, '').replace(/,/g, ''));
  let grand = false;
  if (suffix !== undefined) value *= SCALES[suffix];
  let end = start + 1;
  // "5 thousand", "1.5 million", "20 grand"
  while (end < tokens.length && SCALES[tokens[end].text] !== undefined && tokens[end].text.length > 1) {
    if (tokens[end].text === 'grand') grand = true;
    value *= SCALES[tokens[end].text];
    end += 1;
  }
  return { value, end, grand };
}

function isScaleAhead(tokens: Token[], index: number): boolean {
  const word = tokens[index]?.text;
  return word === 'hundred' || word === 'thousand' || word === 'million' || word === 'couple' || word === 'dozen';
}

/** "two hundred fifty thousand", "a couple hundred", "twenty-five", "a dozen". */
function readWords(tokens: Token[], start: number): { value: number; end: number; grand: boolean } | null {
  let total = 0;
  let current = 0;
  let end = start;
  let grand = false;
  let sawNumber = false;
  while (end < tokens.length) {
    const word = tokens[end].text;
    if (word === 'a' && !sawNumber) { current = 1; end += 1; continue; }
    if (word === 'and' && sawNumber && end + 1 < tokens.length && NUMBER_WORDS.has(tokens[end + 1].text)) { end += 1; continue; }
    const parts = word.split('-');
    if (parts.length === 2 && TENS[parts[0]] !== undefined && UNITS[parts[1]] !== undefined) {
      current += TENS[parts[0]] + UNITS[parts[1]];
    } else if (UNITS[word] !== undefined) {
      current = word === 'couple' || word === 'dozen' ? Math.max(current, 1) * UNITS[word] : current + UNITS[word];
    } else if (TENS[word] !== undefined) {
      current += TENS[word];
    } else if (word === 'hundred') {
      current = Math.max(current, 1) * 100;
    } else if (word === 'thousand' || word === 'million' || word === 'billion' || word === 'grand') {
      if (word === 'grand') grand = true;
      total += Math.max(current, 1) * SCALES[word];
      current = 0;
    } else {
      break;
    }
    sawNumber = true;
    end += 1;
  }
  if (!sawNumber) return null;
  return { value: total + current, end, grand };
}
