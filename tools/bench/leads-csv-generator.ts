/**
 * A deterministic, realistic lead CSV for the leads benchmarks: US national phone numbers in
 * mixed notations, B2B and free-mail addresses, a small share of duplicates (same email in
 * another case, or same phone in another notation: merged on import) and of bad rows (failed).
 */
import { seededRandom } from './seeded-random';

const FIRST_NAMES = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William',
  'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Carlos', 'Karen', 'Daniel', 'Lisa',
  'Matthew', 'Nancy', 'Anthony', 'Betty', 'Mark', 'Sandra', 'Donald', 'Ashley', 'Steven', 'Kimberly', 'Andrew',
  'Emily', 'Paul', 'Donna', 'Joshua', 'Michelle', 'Kenneth', 'Carol', 'Kevin', 'Amanda', 'Brian', 'Melissa',
  'Priya', 'Wei', 'Aisha', 'Mohammed', 'Sofia', 'Mateo', 'Yuki', 'Olga', 'Kwame', 'Fatima', 'Diego', 'Ingrid',
  'Raj', 'Mei', 'Tomasz', 'Chloe',
];
const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee',
  'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young',
  'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Patel', 'Kim', 'Chen', 'Okafor',
  'Novak', 'Schmidt', 'Rossi', 'Kowalski', 'Tanaka', 'Haddad', 'Fitzgerald', 'Oyelaran', 'Lindqvist', 'Moreau',
];
const COMPANY_PREFIXES = [
  'Northwind', 'Bluepeak', 'Ironbridge', 'Silverline', 'Redwood', 'Brightpath', 'Summit', 'Harbor', 'Granite',
  'Evergreen', 'Clearwater', 'Keystone', 'Lakeshore', 'Pioneer', 'Riverbend', 'Sterling', 'Trailhead', 'Westfield',
  'Oakridge', 'Copperleaf', 'Starling', 'Meridian', 'Falcon', 'Cobalt', 'Juniper', 'Atlas', 'Beacon', 'Cedar',
  'Driftwood', 'Horizon', 'Lumen', 'Maple', 'Nimbus', 'Orchard', 'Quarry', 'Sable', 'Tidewater', 'Vantage',
  'Willow', 'Zephyr',
];
const COMPANY_SUFFIXES = [
  'Logistics', 'Health', 'Analytics', 'Dental', 'Roofing', 'Insurance', 'Software', 'Realty', 'Capital',
  'Manufacturing', 'Foods', 'Energy', 'Legal', 'Marketing', 'Solar', 'Fitness', 'Auto Group', 'Labs', 'Consulting',
  'Freight', 'Clinics', 'Systems', 'Builders', 'Partners', 'Technologies',
];
const TITLES = [
  'CEO', 'Owner', 'Founder', 'Operations Manager', 'Office Manager', 'VP, Sales', 'Director of Marketing',
  'Head of Procurement', 'IT Manager', 'CFO', 'Practice Manager', 'Purchasing Agent', 'General Manager',
  'Account Executive', 'Facilities Director',
];
const INDUSTRIES = [
  'logistics', 'healthcare', 'software', 'real estate', 'finance', 'manufacturing', 'food & beverage', 'energy',
  'legal', 'marketing', 'construction', 'fitness', 'automotive', 'education', 'insurance',
];
const SOURCES = ['web', 'referral', 'linkedin', 'trade_show', 'cold_outreach', 'partner', 'webinar'];
const FREE_MAIL = ['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'icloud.com', 'aol.com'];
const COMPANY_SIZES = [1, 3, 8, 12, 25, 40, 75, 120, 250, 480, 900, 2_000, 5_000, 12_000];
// Real US area codes: every national number the generator writes is a valid US number.
const AREA_CODES = [
  '212', '213', '214', '206', '215', '202', '303', '305', '310', '312', '313', '404', '408', '412', '415', '469',
  '503', '512', '602', '612', '617', '646', '702', '713', '718', '720', '773', '786', '801', '813', '818', '832',
  '858', '904', '919', '925', '949', '954', '971', '980',
];
// Exchanges 200-999 without the N11 service codes.
const EXCHANGES = Array.from({ length: 800 }, (_, i) => 200 + i).filter((n) => n % 100 !== 11);

export const CSV_HEADER = ['name', 'email', 'phone', 'company', 'title', 'industry', 'company_size', 'source'];

export interface GeneratedLeads {
  csv: string;
  rows: number;
  /** What a correct import answers for this file. */
  expected: { created: number; merged: number; failed: number };
}

/**
 * The i-th number is unique across the file: i is scattered by a bijection mod a prime, then the
 * area code comes from it and exchange and line from it / areas (distinct lines per exchange).
 */
function uniquePhoneDigits(i: number): { area: string; exchange: string; line: string } {
  const j = (i * 7_919 + 12_345) % 1_000_003;
  const k = Math.floor(j / AREA_CODES.length);
  const exchange = EXCHANGES[k % EXCHANGES.length];
  const line = (Math.floor(k / EXCHANGES.length) * 2477 + k * 37 + 1000) % 10_000;
  return { area: AREA_CODES[j % AREA_CODES.length], exchange: String(exchange), line: String(line).padStart(4, '0') };
}

/** The same number in one of the notations people type. */
function formatPhone(d: { area: string; exchange: string; line: string }, notation: number): string {
  switch (notation % 6) {
    case 0:
    case 1: return `(${d.area}) ${d.exchange}-${d.line}`;
    case 2: return `${d.area}-${d.exchange}-${d.line}`;
    case 3: return `${d.area}.${d.exchange}.${d.line}`;
    case 4: return `+1 ${d.area} ${d.exchange} ${d.line}`;
    default: return `${d.area}${d.exchange}${d.line}`;
  }
}

const csvField = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

export function generateLeadsCsv(rows: number, seed = 42): GeneratedLeads {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const lines: string[] = [CSV_HEADER.join(',')];
  const goodRows: Array<{ email: string; phone: { area: string; exchange: string; line: string } }> = [];
  const emails = new Set<string>();
  const expected = { created: 0, merged: 0, failed: 0 };

  for (let i = 0; i < rows; i += 1) {
    const roll = random();
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    const company = `${pick(COMPANY_PREFIXES)} ${pick(COMPANY_SUFFIXES)}`;
    const row = {
      name: `${first} ${last}`,
      email: '',
      phone: '',
      company,
      title: pick(TITLES),
      industry: pick(INDUSTRIES),
      company_size: String(pick(COMPANY_SIZES)),
      source: pick(SOURCES),
    };

    if (roll < 0.01 && goodRows.length > 100) {
      // Duplicate of an earlier lead: its email in another case, or its phone in another notation.
      const earlier = goodRows[Math.floor(random() * goodRows.length)];
      if (random() < 0.5) row.email = earlier.email.toUpperCase();
      else row.phone = formatPhone(earlier.phone, i + 1);
      expected.merged += 1;
    } else {
      // 60 % work addresses at the company's domain, the rest free mail; a number keeps them unique.
      const domain = random() < 0.6 ? `${slug(company)}.com` : pick(FREE_MAIL);
      let email = `${slug(first)}.${slug(last)}@${domain}`;
      if (emails.has(email)) email = `${slug(first)}.${slug(last)}${i}@${domain}`;
      emails.add(email);
      const phone = uniquePhoneDigits(i);
      row.email = email;
      row.phone = formatPhone(phone, i);
      if (roll < 0.015) {
        // A bad row: exactly one field no lead may hold.
        const kind = i % 4;
        if (kind === 0) row.email = `${slug(first)}.${slug(last)}.at.${domain}`;
        else if (kind === 1) row.phone = `555-${String(i % 100).padStart(2, '0')}`;
        else if (kind === 2) row.company_size = '0';
        else row.company_size = 'a few';
        expected.failed += 1;
      } else {
        goodRows.push({ email, phone });
        expected.created += 1;
      }
    }
    lines.push([row.name, row.email, row.phone, row.company, row.title, row.industry, row.company_size, row.source].map(csvField).join(','));
  }
  return { csv: `${lines.join('\n')}\n`, rows, expected };
}

export interface SearchTerm {
  term: string;
  kind: string;
}

/** Search terms as users type them: some match a handful of leads, some tens of thousands. */
export const SEARCH_TERMS: SearchTerm[] = [
  { term: 'garcia', kind: 'last name (broad)' },
  { term: 'maria', kind: 'no such first name (0 hits)' },
  { term: 'priya patel', kind: 'full name (selective)' },
  { term: 'okafor', kind: 'last name' },
  { term: 'gmail.com', kind: 'free-mail domain (very broad)' },
  { term: 'northwindlogistics.com', kind: 'company domain (selective)' },
  { term: 'brightpath', kind: 'company fragment (broad)' },
  { term: 'cobalt solar', kind: 'company name (selective)' },
  { term: 'dental', kind: 'company word (broad)' },
  { term: 'fitzgerald', kind: 'last name' },
  { term: 'chen@', kind: 'email fragment' },
  { term: 'tomasz.kowalski', kind: 'email local part (selective)' },
];
