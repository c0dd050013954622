/**
 * Deterministic, realistic knowledge-base text for the knowledge benchmarks: the help centre of a
 * home internet, mobile and smart-home provider. Twelve topics, each with its own headings,
 * sentences and customer questions, filled from catalogues of products, plans, countries, apps
 * and error codes, so the vocabulary is varied the way a real manual's is: common words
 * ("account", "order") in thousands of chunks, product names in dozens, an error code in a few.
 */
import { seededRandom } from './seeded-random';

type Random = () => number;

const PRODUCT_LINES = [
  { name: 'Aurora X2', kind: 'mesh router', category: 'networking' },
  { name: 'Aurora X4 Pro', kind: 'tri-band router', category: 'networking' },
  { name: 'Beacon Mini', kind: 'Wi-Fi extender', category: 'networking' },
  { name: 'Meridian 10G', kind: 'fiber gateway', category: 'networking' },
  { name: 'Cobalt Link', kind: 'powerline adapter', category: 'networking' },
  { name: 'Nimbus 4K', kind: 'doorbell camera', category: 'smart home' },
  { name: 'Nimbus Outdoor', kind: 'floodlight camera', category: 'smart home' },
  { name: 'Halo', kind: 'smart thermostat', category: 'smart home' },
  { name: 'Halo Sense', kind: 'room temperature sensor', category: 'smart home' },
  { name: 'Sentry', kind: 'motion sensor', category: 'smart home' },
  { name: 'Sentry Glass', kind: 'glass-break detector', category: 'smart home' },
  { name: 'Keystone', kind: 'smart lock', category: 'smart home' },
  { name: 'Juniper Hub', kind: 'smart-home hub', category: 'smart home' },
  { name: 'Lumen Strip', kind: 'LED light strip', category: 'smart home' },
  { name: 'Lumen Bulb', kind: 'color smart bulb', category: 'smart home' },
  { name: 'Tidewater', kind: 'water leak sensor', category: 'smart home' },
  { name: 'Falcon S', kind: 'smartphone', category: 'mobile' },
  { name: 'Falcon S Ultra', kind: 'smartphone', category: 'mobile' },
  { name: 'Starling Buds', kind: 'wireless earbuds', category: 'audio' },
  { name: 'Starling Over-Ear', kind: 'noise-cancelling headphones', category: 'audio' },
  { name: 'Cadence', kind: 'soundbar', category: 'audio' },
  { name: 'Cadence Sub', kind: 'wireless subwoofer', category: 'audio' },
  { name: 'Orchard TV Box', kind: 'streaming box', category: 'entertainment' },
  { name: 'Orchard Stick', kind: 'streaming stick', category: 'entertainment' },
  { name: 'Quarry', kind: 'portable battery pack', category: 'accessories' },
  { name: 'Driftwood', kind: 'wireless charging pad', category: 'accessories' },
  { name: 'Vantage', kind: 'security camera kit', category: 'smart home' },
  { name: 'Willow', kind: 'baby monitor', category: 'smart home' },
  { name: 'Zephyr', kind: 'air quality monitor', category: 'smart home' },
  { name: 'Summit Desk Phone', kind: 'VoIP desk phone', category: 'business' },
  { name: 'Summit Conference', kind: 'conference speakerphone', category: 'business' },
  { name: 'Granite Switch 24', kind: 'managed network switch', category: 'business' },
] as const;

const SLOTS: Record<string, readonly string[]> = {
  product: PRODUCT_LINES.map((p) => `${p.name} ${p.kind}`),
  model: PRODUCT_LINES.map((p) => p.name),
  plan: ['Fiber 300', 'Fiber 500', 'Fiber Gig', 'Fiber 2 Gig', 'Essentials 100', 'Business Pro', 'Business Premier', 'Mobile Plus', 'Family Share', 'Unlimited Talk and Text', 'Prepaid Flex', 'Home Protect'],
  country: [
    'Canada', 'Mexico', 'the United Kingdom', 'Ireland', 'Germany', 'France', 'Spain', 'Portugal', 'Italy', 'the Netherlands', 'Belgium',
    'Switzerland', 'Austria', 'Sweden', 'Norway', 'Denmark', 'Finland', 'Poland', 'Greece', 'Japan', 'South Korea', 'Vietnam', 'Thailand',
    'Australia', 'New Zealand', 'Brazil', 'Argentina', 'Chile', 'Colombia', 'Peru', 'India', 'Singapore', 'the Philippines', 'South Africa',
    'Kenya', 'Nigeria', 'Morocco', 'Egypt', 'Turkey', 'Israel', 'the United Arab Emirates',
  ],
  carrier: ['UPS', 'FedEx', 'USPS', 'DHL Express', 'OnTrac', 'LaserShip'],
  days: ['7', '14', '30', '45', '60', '90'],
  price: ['$4.99', '$9.99', '$12.50', '$19.99', '$25', '$35', '$49', '$75', '$99', '$149', '$199'],
  code: Array.from({ length: 240 }, (_, i) => `E-${1000 + ((i * 7_919) % 9_000)}`),
  weekday: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  hour: ['7 a.m.', '8 a.m.', '9 a.m.', '6 p.m.', '8 p.m.', '10 p.m.', 'midnight'],
  app: ['the Parley Home app', 'Google Home', 'Amazon Alexa', 'Apple HomeKit', 'SmartThings', 'IFTTT', 'Home Assistant', 'Microsoft Teams', 'Zoom', 'Slack', 'Webex', 'Philips Hue'],
  payment: ['Visa', 'Mastercard', 'American Express', 'Discover', 'PayPal', 'Apple Pay', 'Google Pay', 'Venmo', 'a bank transfer', 'a prepaid card', 'a check', 'a money order'],
  city: [
    'Austin', 'Denver', 'Seattle', 'Atlanta', 'Phoenix', 'Portland', 'Raleigh', 'Columbus', 'Tampa', 'Minneapolis', 'Sacramento', 'Nashville',
    'Pittsburgh', 'Salt Lake City', 'Kansas City', 'Albuquerque', 'Boise', 'Charlotte', 'Cincinnati', 'Cleveland', 'Dallas', 'Des Moines',
    'Detroit', 'El Paso', 'Fresno', 'Honolulu', 'Indianapolis', 'Jacksonville', 'Las Vegas', 'Louisville', 'Madison', 'Memphis', 'Milwaukee',
    'Oklahoma City', 'Omaha', 'Orlando', 'Providence', 'Richmond', 'Rochester', 'San Antonio', 'Spokane', 'St. Louis', 'Tucson', 'Tulsa',
    'Wichita', 'Anchorage', 'Burlington', 'Savannah', 'Chattanooga', 'Fort Collins',
  ],
  street: [
    'Maple Avenue', 'Cedar Street', 'Harbor Boulevard', 'Lincoln Road', 'Riverside Drive', 'Elm Court', 'Oak Park Plaza', 'Mission Street',
    'Sunset Boulevard', 'Commerce Way', 'Lakeview Terrace', 'Granite Parkway', 'Willow Lane', 'Pioneer Square', 'Market Street', 'Union Avenue',
    'Bayshore Road', 'Canyon Crossing', 'Heritage Mall', 'Northgate Center',
  ],
  device: [
    'iPhone 15', 'iPhone 13 mini', 'Pixel 8', 'Pixel 7a', 'Galaxy S24', 'Galaxy A54', 'Moto G Power', 'OnePlus 12', 'iPad Air', 'Galaxy Tab S9',
    'MacBook Air', 'ThinkPad X1 Carbon', 'Surface Laptop', 'Chromebook Plus', 'Dell XPS 13', 'PlayStation 5', 'Xbox Series X', 'Nintendo Switch',
    'Roku Ultra', 'Apple TV 4K', 'Fire TV Stick', 'Chromecast', 'LG C3 OLED television', 'Samsung Frame television', 'Sonos Arc', 'Kindle Paperwhite',
    'Echo Dot', 'Nest Mini', 'HomePod mini', 'Ring Alarm base station', 'Peloton Bike', 'Brother laser printer', 'HP OfficeJet printer',
  ],
  document: ['a utility bill', 'a passport', "a driver's license", 'a lease agreement', 'a bank statement', 'a state ID card', 'a mortgage statement'],
  band: ['2.4 GHz', '5 GHz', '6 GHz'],
  speed: ['100 Mbps', '300 Mbps', '500 Mbps', '1 Gbps', '2 Gbps'],
  agent: ['Priya', 'Marcus', 'Elena', 'Tomasz', 'Aisha', 'Kenji', 'Sofia', 'Diego', 'Ingrid', 'Kwame', 'Mei', 'Olga', 'Raj', 'Chloe', 'Mateo'],
};

const FEATURES = [
  'Wi-Fi 6E with a 6 GHz band', 'Wi-Fi 7 ready', 'two-year battery life', 'works with Alexa, Google Home and HomeKit', 'end-to-end encryption',
  'IP65 weather rating', 'USB-C charging', 'color night vision', 'voice control', 'multi-gig Ethernet port', 'mesh ready', 'active noise cancellation',
  'HDR10+ and Dolby Vision', 'Dolby Atmos sound', 'two-way talk', 'package detection', 'local storage on microSD', 'energy usage reports',
  'geofencing', 'tamper alerts', 'parental controls', 'guest network', 'WPA3 security', 'Power over Ethernet', 'VLAN support',
  '30-hour battery', 'wireless charging', 'magnetic mount', 'auto firmware updates', 'three-year warranty',
];

interface Question {
  text: string;
  kind: QuestionKind;
  /** The first sentence of its FAQ answer. */
  answer: string;
}

interface Topic {
  category: string;
  headings: readonly string[];
  sentences: readonly string[];
  /** Customer questions: `broad` ones use everyday words, `specific` ones name a product, plan or place, `rare` ones an error code. */
  questions: readonly Question[];
}

export type QuestionKind = 'broad' | 'specific' | 'rare';

const TOPICS: readonly Topic[] = [
  {
    category: 'billing',
    headings: ['Understanding your bill', 'Payment methods', 'Autopay and paperless billing', 'Late fees and payment plans', 'Prorated charges', 'Refunds and credits', 'Taxes and surcharges'],
    sentences: [
      'Your monthly statement lists the charges for the {plan} plan, equipment rental, taxes and any one-time fees in separate lines.',
      'The first bill after a plan change is usually higher because it includes prorated charges for the days before and after the switch.',
      'You can pay with {payment} in the app, on the website or over the phone with an automated agent at any hour.',
      'Autopay charges the card or bank account on file three days before the due date and sends a reminder email the day before.',
      'Customers who enroll in autopay and paperless billing receive a monthly discount of {price} for as long as both stay active.',
      'If a payment is more than {days} days late, a late fee of {price} is added and service may be suspended after a final notice.',
      'A payment arrangement lets you split an overdue balance into up to four installments without interrupting service.',
      'Credits for outages longer than 24 hours are applied automatically to the next statement, prorated by the hours you were offline.',
      'Refunds to {payment} usually appear within five to ten business days, depending on your bank.',
      'The billing cycle starts on the day your service was activated and does not change when you move or upgrade.',
      'Taxes and regulatory recovery fees vary by city, so a customer in {city} may pay a slightly different total than one in {city}.',
      'To dispute a charge, open the statement in the app, select the line item and describe what looks wrong; an agent replies within two business days.',
      'Paper statements cost {price} a month and arrive by mail about a week after the statement date.',
      'Expired cards are the most common reason autopay fails, so update the expiry date as soon as your bank sends a new card.',
    ],
    questions: [
      { text: 'Why is my bill higher this month?', kind: 'broad', answer: 'A higher bill usually includes prorated charges after a plan change or a one-time fee listed on its own line.' },
      { text: 'How do I set up autopay for my monthly bill?', kind: 'broad', answer: 'Open Billing in the app, choose Autopay and pick the card or bank account to charge three days before the due date.' },
      { text: 'Can I pay my bill with {payment}?', kind: 'specific', answer: 'Yes, add {payment} under Payment methods in the app; the change applies from the next statement.' },
      { text: 'What happens if I pay my bill late?', kind: 'broad', answer: 'A late fee of {price} applies once a payment is {days} days overdue; ask for a payment arrangement instead of waiting.' },
      { text: 'How long does a refund to {payment} take?', kind: 'specific', answer: 'Refunds go back to {payment} and usually arrive within five to ten business days.' },
      { text: 'Do I get a credit for an internet outage?', kind: 'broad', answer: 'Outages longer than a day are credited automatically on your next statement.' },
      { text: 'How do I dispute a charge on my statement?', kind: 'broad', answer: 'Select the line item on the statement in the app and tell us what looks wrong; we reply within two business days.' },
    ],
  },
  {
    category: 'shipping',
    headings: ['Shipping options', 'Tracking your order', 'International delivery', 'Delivery problems', 'Signature and pickup', 'Store pickup'],
    sentences: [
      'Standard shipping is free on orders over {price} and arrives in three to five business days from our warehouse in {city}.',
      'Express shipping with {carrier} arrives in one to two business days when you order before 2 p.m. on a weekday.',
      'We ship the {product} to {country}; customs duties and import taxes are calculated at checkout so nothing is due on delivery.',
      'Your tracking number is emailed as soon as the package leaves the warehouse, and the order page shows every scan by {carrier}.',
      'Orders placed on a {weekday} after the cutoff ship the next business day.',
      'If a package shows as delivered but you cannot find it, check with neighbors and the building office, then report it within {days} days.',
      'Packages worth more than {price} need a signature; you can redirect them to a pickup point instead of your door.',
      'Damaged boxes should be photographed before opening, because the carrier asks for pictures when we file the claim.',
      'Address changes are possible until the order is packed; after that, ask {carrier} to reroute the parcel.',
      'Some remote areas and military addresses take up to ten business days and cannot use express delivery.',
      'Free same-day pickup is available at our {city} store on {street}; bring the order confirmation and a photo ID.',
      'Large orders may arrive in several boxes on different days, each with its own tracking number.',
    ],
    questions: [
      { text: 'How long does shipping take?', kind: 'broad', answer: 'Standard delivery takes three to five business days and express delivery one to two.' },
      { text: 'Do you ship to {country} and do I pay customs?', kind: 'specific', answer: 'We ship to {country}; duties and import taxes are added at checkout, so nothing is due at the door.' },
      { text: 'How much is express shipping with {carrier}?', kind: 'specific', answer: 'Express delivery with {carrier} costs {price} and arrives in one to two business days.' },
      { text: 'My package says delivered but I never got it, what now?', kind: 'broad', answer: 'Check with neighbors and the building office, then report the missing package within {days} days for a replacement or refund.' },
      { text: 'Can I change the delivery address after ordering?', kind: 'broad', answer: 'You can change the address until the order is packed; after that the carrier can reroute it.' },
      { text: 'Where is my tracking number?', kind: 'broad', answer: 'The tracking number is in the shipping email and on the order page as soon as the package leaves the warehouse.' },
      { text: 'Can I pick up my order at the {city} store?', kind: 'specific', answer: 'Yes, choose store pickup at checkout and bring your confirmation and a photo ID to the {city} store.' },
    ],
  },
  {
    category: 'returns',
    headings: ['Return policy', 'Starting a return', 'Exchanges', 'Restocking fees', 'Returning rented equipment', 'Gift returns'],
    sentences: [
      'Most products can be returned within {days} days of delivery in their original packaging with all accessories.',
      'Start a return from the order page; we email a prepaid label and a return authorization number for the box.',
      'Opened earbuds and headphones can be returned only if they are defective, for hygiene reasons.',
      'A restocking fee of {price} applies to opened items returned without a defect, except the {product}.',
      'Exchanges for a different color or size ship as soon as the carrier scans your return, so you are not without a device for long.',
      'Rented equipment such as the {product} must be returned within {days} days after cancelling, or the unreturned equipment fee is charged.',
      'Refunds for returns are issued to the original payment method once the warehouse inspects the item, usually within three days.',
      'Gifts can be returned for store credit without the purchaser being told.',
      'Items bought from a retailer in {city} must be returned to that retailer under its own policy.',
      'Drop the box at any {carrier} location; keep the receipt until the refund shows on your statement.',
      'Bundles must be returned complete, because the discount was applied to the set rather than to each item.',
    ],
    questions: [
      { text: 'What is your return policy?', kind: 'broad', answer: 'Most items can be returned within {days} days of delivery in the original packaging.' },
      { text: 'Can I return the {product} after {days} days?', kind: 'specific', answer: 'The {product} can be returned within {days} days of delivery with all its accessories.' },
      { text: 'Is there a restocking fee for opened items?', kind: 'broad', answer: 'Opened items returned without a defect carry a restocking fee of {price}.' },
      { text: 'How do I return rented equipment after cancelling?', kind: 'broad', answer: 'Print the prepaid label from your account and drop the equipment at any {carrier} location within {days} days.' },
      { text: 'Can I exchange my {model} for another color?', kind: 'specific', answer: 'Yes, start an exchange for the {model} on the order page; the new color ships when your return is scanned.' },
    ],
  },
  {
    category: 'warranty',
    headings: ['Limited warranty', 'Accidental damage protection', 'Repairs and replacements', 'Finding your serial number', 'Extended protection'],
    sentences: [
      'The {product} comes with a one-year limited warranty that covers defects in materials and workmanship.',
      'Accidental damage such as drops, spills and cracked screens is covered only with the Home Protect plan.',
      'Water damage is not covered by the standard warranty, even on devices rated for outdoor use.',
      'To make a claim you need the serial number, which is printed under the barcode on the box and on the back of the device.',
      'Warranty replacements ship before you send the faulty unit back; we place a temporary hold of {price} on your card.',
      'Repairs at our service center in {city} take about {days} business days including shipping both ways.',
      'Devices bought refurbished carry a ninety-day warranty that can be extended at checkout.',
      'Opening the case or installing unofficial firmware voids the warranty for the {model}.',
      'Extended protection adds two more years of coverage and can be bought within {days} days of purchase.',
      'Batteries are covered for the first year if they hold less than eighty percent of their original charge.',
    ],
    questions: [
      { text: 'What does the warranty cover?', kind: 'broad', answer: 'The limited warranty covers defects in materials and workmanship for one year.' },
      { text: 'Is water damage covered on the {product}?', kind: 'specific', answer: 'Water damage to the {product} is covered only with the Home Protect plan.' },
      { text: 'Where do I find the serial number on my {model}?', kind: 'specific', answer: 'The serial number is under the barcode on the box and on the back of the {model}.' },
      { text: 'How long does a warranty repair take?', kind: 'broad', answer: 'A repair takes about {days} business days including shipping both ways.' },
      { text: 'Can I buy extended protection later?', kind: 'broad', answer: 'Extended protection can be added within {days} days of purchase.' },
    ],
  },
  {
    category: 'installation',
    headings: ['Scheduling a technician', 'Self-installation', 'Mounting and placement', 'Pairing devices', 'Firmware updates', 'Compatibility'],
    sentences: [
      'A technician appointment takes about two hours; the window you choose starts between {hour} and noon on weekdays.',
      'Self-installation kits include the {product}, a power adapter, an Ethernet cable and a printed quick-start card.',
      'Place the router in an open, central spot at least three feet off the floor and away from microwaves and cordless phones.',
      'Pair new devices by opening {app}, tapping Add device and holding the button on the {model} until the light blinks blue.',
      'Firmware updates install automatically at {hour} local time; the device restarts and is offline for about five minutes.',
      'Mount the {product} with the included screws on drywall, or with anchors on brick and concrete.',
      'The installation fee of {price} is waived for customers who sign up online for the {plan} plan.',
      'Someone over eighteen must be home for the whole technician visit to approve where the equipment goes.',
      'Reschedule or cancel an appointment at least 24 hours ahead to avoid the missed appointment fee.',
      'The {model} has been tested with the {device} and the {device}; older models may need a software update first.',
      'Our technician {agent} recommends running Ethernet to the room where you work or play games, for the steadiest connection.',
    ],
    questions: [
      { text: 'How do I schedule a technician to install my service?', kind: 'broad', answer: 'Pick a window in the app; the visit takes about two hours and an adult must be home.' },
      { text: 'How do I pair the {model} with {app}?', kind: 'specific', answer: 'Open {app}, tap Add device and hold the button on the {model} until its light blinks blue.' },
      { text: 'Where should I put my router for the best signal?', kind: 'broad', answer: 'Put it in an open, central spot off the floor and away from microwaves.' },
      { text: 'When do firmware updates happen?', kind: 'broad', answer: 'Updates install automatically overnight and the device is offline for about five minutes.' },
      { text: 'Is the {model} compatible with my {device}?', kind: 'specific', answer: 'The {model} works with the {device}; install its latest software update first.' },
    ],
  },
  {
    category: 'troubleshooting',
    headings: ['Slow internet', 'No connection', 'Wi-Fi dead zones', 'Error codes', 'Restarting your equipment', 'Streaming and gaming'],
    sentences: [
      'Evening slowdowns often come from many devices streaming at once; a wired connection or the {band} band usually helps.',
      'Restart the {product} by unplugging it for thirty seconds; wait until the light turns solid white before testing again.',
      'Error {code} on the {model} means the device cannot reach our network; check that the fiber cable clicks into place.',
      'If the status light blinks amber and the app shows {code}, the device is updating and must not be unplugged.',
      'Run a speed test from a computer connected by Ethernet to see whether you get the {speed} your plan includes.',
      'Dead zones in large homes are fixed by adding a Beacon Mini Wi-Fi extender halfway between the router and the room.',
      'Outages in {city} are shown on the status page with the expected repair time, and you can get text updates.',
      'Error {code} appears when the account is suspended for an unpaid balance; paying restores service within minutes.',
      'Interference from neighbors on the {band} band can be reduced by letting the router pick the channel automatically.',
      'A factory reset erases your network name and password, so write them down before you hold the reset button for ten seconds.',
      'If {code} keeps coming back after a restart, book a technician; the line outside the house may need repair.',
      'Devices older than five years may not support the newest Wi-Fi standards and will connect at lower speeds.',
      'Buffering on the {device} usually means it is on the {band} band far from the router; move it closer or use a cable.',
      'Online games need low latency more than speed, so prioritize the {device} in the app under Quality of service.',
    ],
    questions: [
      { text: 'Why is my internet so slow in the evening?', kind: 'broad', answer: 'Many devices streaming at once slow Wi-Fi down; use a cable or the 5 GHz band for the busiest devices.' },
      { text: 'What does error {code} mean?', kind: 'rare', answer: 'Error {code} means the device cannot reach our network; reseat the fiber cable and restart the equipment.' },
      { text: 'My {model} shows {code}, what should I do?', kind: 'rare', answer: 'Restart the {model}; if {code} comes back, book a technician to check the line.' },
      { text: 'How do I restart my router?', kind: 'broad', answer: 'Unplug it for thirty seconds and wait for a solid white light before testing again.' },
      { text: 'How can I fix Wi-Fi dead zones in my house?', kind: 'broad', answer: 'Add a Wi-Fi extender halfway between the router and the room with weak signal.' },
      { text: 'Is there an outage in {city} right now?', kind: 'specific', answer: 'The status page shows outages in {city} with the expected repair time.' },
      { text: 'Why does my {device} keep buffering?', kind: 'specific', answer: 'The {device} is probably far from the router on a crowded band; move it closer or connect it by cable.' },
    ],
  },
  {
    category: 'account',
    headings: ['Signing in', 'Resetting your password', 'Two-factor authentication', 'Authorized users', 'Verifying your identity', 'Closing your account'],
    sentences: [
      'Reset your password from the sign-in page; the link in the email expires after one hour.',
      'Two-factor authentication sends a six-digit verification code by text message or through an authenticator app.',
      'If you lost the phone that receives your codes, our agents can verify your identity with {document} and reset two-factor.',
      'The account holder can add up to four authorized users who can manage services but cannot close the account.',
      'After five failed sign-in attempts the account locks for thirty minutes to protect it from guessing.',
      'We never ask for your password by phone, text or email; report messages that do to our security team.',
      'Changing the email address on the account sends a confirmation to both the old and the new address.',
      'Business accounts in {city} can use single sign-on with their company directory.',
      'Closing an account ends every service on it at the end of the billing cycle; equipment must be returned within {days} days.',
      'Use a password of at least twelve characters that you do not use anywhere else, or let a password manager create one.',
    ],
    questions: [
      { text: 'How do I reset my password?', kind: 'broad', answer: 'Use Forgot password on the sign-in page; the emailed link works for one hour.' },
      { text: 'I lost my phone and cannot get my verification code', kind: 'broad', answer: 'Call us and verify your identity with {document}; we then reset two-factor on your account.' },
      { text: 'How do I add an authorized user to my account?', kind: 'broad', answer: 'The account holder can add up to four authorized users under Account, People.' },
      { text: 'Why is my account locked?', kind: 'broad', answer: 'Five failed sign-in attempts lock the account for thirty minutes.' },
      { text: 'How do I close my account?', kind: 'broad', answer: 'Ask us to close it; services end with the billing cycle and equipment goes back within {days} days.' },
    ],
  },
  {
    category: 'plans',
    headings: ['Choosing a plan', 'Upgrading and downgrading', 'Contracts and early termination', 'Moving to a new address', 'Bundles and discounts', 'Pausing service'],
    sentences: [
      'The {plan} plan includes unlimited data, the {product} at no extra cost and speeds up to {speed}.',
      'Upgrades take effect immediately; downgrades take effect at the start of the next billing cycle.',
      'The early termination fee on a two-year contract is {price} per remaining month, capped at the value of the equipment discount.',
      'Moving within our service area keeps your plan and price; we schedule the new installation for the day you move.',
      'Bundling internet with Mobile Plus saves {price} a month on each line for as long as both services stay active.',
      'Students and seniors in {city} can apply for a discounted plan with proof of eligibility.',
      'Price locks guarantee the monthly price of the {plan} plan for {days} months, excluding taxes.',
      'You can pause a plan for up to three months a year for a reduced fee, for example during a long trip to {country}.',
      'Check availability at a new address before you sign a lease; fiber reaches most of {city} but not every building.',
      'Family Share adds lines for {price} each and lets parents set data limits for every line.',
    ],
    questions: [
      { text: 'Can I change my plan in the middle of the month?', kind: 'broad', answer: 'Upgrades apply immediately and downgrades at the next billing cycle.' },
      { text: 'What is the early termination fee for the {plan} plan?', kind: 'specific', answer: 'Leaving the {plan} plan early costs {price} per remaining month, capped at the equipment discount.' },
      { text: 'What happens to my service when I move?', kind: 'broad', answer: 'Your plan and price move with you and we install at the new address on moving day.' },
      { text: 'Is there a discount if I bundle internet and mobile?', kind: 'broad', answer: 'Bundling saves {price} a month on each mobile line.' },
      { text: 'What speed do I get with {plan}?', kind: 'specific', answer: 'The {plan} plan includes speeds up to {speed} with unlimited data.' },
      { text: 'Is fiber available in {city}?', kind: 'specific', answer: 'Fiber reaches most of {city}; check your exact address on the availability page.' },
    ],
  },
  {
    category: 'privacy',
    headings: ['Your personal data', 'Call recordings', 'Deleting your data', 'Cookies and tracking', 'Marketing preferences'],
    sentences: [
      'We keep account and billing records for as long as the law requires and delete usage data after {days} days.',
      'Calls with our support team may be recorded for quality and training; say so at the start of the call to opt out.',
      'You can request a copy of your personal data or its deletion from the privacy page; we answer within thirty days.',
      'Camera footage from the {product} is encrypted and stored for {days} days unless you download it.',
      'Marketing emails and texts stop within ten days after you unsubscribe or change your preferences in the app.',
      'Analytics cookies are off until you accept them in the cookie banner, and you can change the choice at any time.',
      'We do not sell personal data; partners such as {carrier} receive only what they need to deliver your order.',
      'Residents of {country} have the same rights to access, correct and delete their data as customers at home.',
    ],
    questions: [
      { text: 'How do I delete my personal data?', kind: 'broad', answer: 'Request deletion on the privacy page; we confirm within thirty days.' },
      { text: 'Are my support calls recorded?', kind: 'broad', answer: 'Calls may be recorded for quality and training; tell the agent at the start if you prefer not.' },
      { text: 'How long do you keep video from the {model}?', kind: 'specific', answer: 'Video from the {model} is encrypted and kept for {days} days.' },
      { text: 'How do I stop marketing texts?', kind: 'broad', answer: 'Reply STOP or turn marketing off under Preferences; texts stop within ten days.' },
    ],
  },
  {
    category: 'business',
    headings: ['Business plans', 'Static IP addresses', 'Service level agreement', 'Multi-site accounts', 'Invoicing for businesses', 'Business phones'],
    sentences: [
      'Business Pro includes five static IP addresses, priority support and a service level agreement with four-hour response.',
      'Multi-site companies can manage every location in {city} and elsewhere from one dashboard with consolidated invoicing.',
      'Invoices can reference a purchase order number and be paid by {payment} within net thirty days.',
      'The {product} supports VLANs and can be managed remotely by your IT team or by our managed services.',
      'SLA credits of {price} per hour of downtime are applied automatically when an outage exceeds the guaranteed window.',
      'A dedicated account manager such as {agent} reviews usage every quarter and suggests changes when a site outgrows its plan.',
      'Desk phones such as the Summit Desk Phone work with {app} through our SIP trunking service.',
      'Offices on {street} in {city} can get a backup LTE line that takes over within seconds when the fiber goes down.',
    ],
    questions: [
      { text: 'Do you offer static IP addresses for businesses?', kind: 'broad', answer: 'Business Pro includes five static IP addresses; more cost {price} a month each.' },
      { text: 'Can invoices include our purchase order number?', kind: 'broad', answer: 'Add the purchase order number in Billing settings and it appears on every invoice.' },
      { text: 'Does the Summit Desk Phone work with {app}?', kind: 'specific', answer: 'The Summit Desk Phone works with {app} through our SIP trunking service.' },
      { text: 'What does the business SLA guarantee?', kind: 'broad', answer: 'The SLA guarantees a four-hour response and credits every hour of downtime beyond the window.' },
    ],
  },
  {
    category: 'smart home',
    headings: ['Cameras and doorbells', 'Thermostats', 'Sensors and alarms', 'Smart locks', 'Automations', 'Professional monitoring'],
    sentences: [
      'The {product} records in full HD and sends a notification when it detects a person, a package or a vehicle.',
      'Batteries in door and motion sensors last about two years; the app warns you when one drops below ten percent.',
      'The Halo smart thermostat learns your schedule in a week and can lower heating costs by adjusting while you are away.',
      'Keystone smart locks open with a code, the app or a physical key, and keep working during a Wi-Fi outage.',
      'Automations in {app} can turn on the Lumen lights when the Nimbus doorbell detects motion after sunset.',
      'Professional monitoring for the {product} costs {price} a month and alerts emergency services when an alarm is confirmed.',
      'Cameras need an upload speed of at least two megabits per second each to stream without gaps.',
      'Water leak sensors sound a local alarm and send a text within seconds of detecting moisture.',
      'Share access with family by inviting them in {app}; each person gets their own code for the Keystone lock.',
      'In cold climates such as {city}, keep outdoor cameras out of direct wind so the battery lasts through winter.',
    ],
    questions: [
      { text: 'How long do the sensor batteries last?', kind: 'broad', answer: 'Sensor batteries last about two years and the app warns you at ten percent.' },
      { text: 'Does the {product} work with {app}?', kind: 'specific', answer: 'The {product} works with {app}; link the accounts under Integrations.' },
      { text: 'My camera keeps going offline, what can I do?', kind: 'broad', answer: 'Check the upload speed and the distance to the router; each camera needs two megabits per second.' },
      { text: 'Does the smart lock work when the Wi-Fi is down?', kind: 'broad', answer: 'Yes, codes and the physical key keep working without Wi-Fi.' },
      { text: 'How much is professional monitoring for the {model}?', kind: 'specific', answer: 'Monitoring for the {model} costs {price} a month.' },
    ],
  },
  {
    category: 'mobile',
    headings: ['SIM and eSIM', 'Keeping your number', 'International roaming', 'Voicemail', 'Data and hotspot', 'Lost or stolen phones'],
    sentences: [
      'To keep your number, give us the account number and transfer PIN from your current carrier; porting takes up to 24 hours.',
      'eSIM activation works on the Falcon S, the {device} and most recent phones by scanning the QR code in the welcome email.',
      'Roaming in {country} is included with Mobile Plus for up to {days} days per trip at the same data allowance.',
      'Set up voicemail by holding the 1 key; the default PIN is the last four digits of your number until you change it.',
      'Hotspot use counts against your data allowance and slows to {speed} after the monthly high-speed limit.',
      'International calls to {country} cost {price} per minute unless you add the world calling pack.',
      'Report a lost or stolen phone right away so we can suspend the line and block the device.',
      'Wi-Fi calling keeps calls clear indoors and works abroad, including from {country}, at no extra charge.',
    ],
    questions: [
      { text: 'How do I keep my phone number when I switch to you?', kind: 'broad', answer: 'Give us your account number and transfer PIN from the old carrier; porting finishes within 24 hours.' },
      { text: 'Does roaming in {country} cost extra?', kind: 'specific', answer: 'Roaming in {country} is included with Mobile Plus for {days} days per trip.' },
      { text: 'How do I reset my voicemail PIN?', kind: 'broad', answer: 'Call voicemail, choose Settings and set a new PIN; until then it is the last four digits of your number.' },
      { text: 'How do I activate an eSIM?', kind: 'broad', answer: 'Scan the QR code in your welcome email from the phone settings.' },
      { text: 'Does the {device} support eSIM?', kind: 'specific', answer: 'The {device} supports eSIM; scan the QR code from its settings.' },
      { text: 'How much do calls to {country} cost?', kind: 'specific', answer: 'Calls to {country} cost {price} a minute, or add the world calling pack.' },
    ],
  },
];

const CONNECTIVES = [
  'If you still need help after these steps, chat with us in the app or call support from 8 a.m. to 10 p.m. every day.',
  'The same steps apply whether you manage your account on the website or in the mobile app.',
  'Keep your order number at hand when you contact us, because it lets the agent find your account faster.',
  'Prices and availability may differ by region and are shown before you confirm any change.',
  'Customers often ask about this when they first join, so we keep this page up to date with every change to our policies.',
  'Most requests are handled within one business day, and urgent outages are worked on around the clock.',
  'You will receive an email confirmation for every change, and the account history shows who made it and when.',
  'For accessibility needs, ask for a callback and an agent will walk you through each step at your pace.',
  'Our store on {street} in {city} can also help in person, and its staff can set up devices for you.',
  'Community forum members such as {agent} have written step-by-step guides with photos for this.',
];

/**
 * Text with every {slot} replaced by a pick from its catalogue. With `bound`, a slot named twice
 * (in a question and its answer) gets the same value both times.
 */
function fill(template: string, random: Random, bound?: Map<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    const value = bound?.get(slot) ?? pick(SLOTS[slot], random);
    bound?.set(slot, value);
    return value;
  });
}

const pick = <T>(list: readonly T[], random: Random): T => list[Math.floor(random() * list.length)];
const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Sentences of one topic (and a few general ones), none twice, until about `words` words. */
function prose(topic: Topic, words: number, random: Random): string {
  const sentences: string[] = [];
  const used = new Set<string>();
  let count = 0;
  while (count < words) {
    const pool = random() < 0.12 ? CONNECTIVES : topic.sentences;
    let template = pick(pool, random);
    for (let retry = 0; used.has(template) && retry < 5; retry += 1) template = pick(pool, random);
    used.add(template);
    const sentence = fill(template, random);
    sentences.push(sentence);
    count += wordCount(sentence);
  }
  return sentences.join(' ');
}

function heading(topic: Topic, random: Random): string {
  const base = pick(topic.headings, random);
  // A third of the sections are about one product: "Firmware updates: Halo".
  return random() < 0.33 ? `${base}: ${pick(SLOTS['model'], random)}` : base;
}

export interface GeneratedPage {
  heading: string;
  paragraphs: string[];
}

/** Pages of a manual: a heading and about `wordsPerPage` words in three to five paragraphs. */
export function generatePages(count: number, seed = 11, wordsPerPage = 350): GeneratedPage[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const topic = TOPICS[i % TOPICS.length];
    const paragraphCount = 3 + Math.floor(random() * 3);
    const paragraphs = Array.from({ length: paragraphCount }, () => prose(topic, wordsPerPage / paragraphCount, random));
    return { heading: `${i + 1}. ${heading(topic, random)}`, paragraphs };
  });
}

/** A Markdown help-centre article: a title and `sections` "##" sections of 90-150 words each. */
export function generateMarkdown(title: string, sections: number, seed: number): string {
  const random = seededRandom(seed);
  const parts = [`# ${title}`];
  for (let i = 0; i < sections; i += 1) {
    const topic = pick(TOPICS, random);
    parts.push(`## ${heading(topic, random)}`, prose(topic, 90 + Math.floor(random() * 60), random));
  }
  return `${parts.join('\n\n')}\n`;
}

/** FAQ text, "Q: …" / "A: …" pairs: the questions customers ask, answered in 30-80 words. */
export function generateFaq(pairs: number, seed: number): string {
  const random = seededRandom(seed);
  const lines: string[] = [];
  for (let i = 0; i < pairs; i += 1) {
    const topic = pick(TOPICS, random);
    const question = pick(topic.questions, random);
    const bound = new Map<string, string>();
    const answer = `${fill(question.answer, random, bound)} ${prose(topic, 20 + Math.floor(random() * 50), random)}`;
    lines.push(`Q: ${fill(question.text, random, bound)}`, `A: ${answer}`, '');
  }
  return lines.join('\n');
}

export interface GeneratedProduct {
  name: string;
  description: string;
  category: string;
  price: number;
  currency: string;
  sku: string;
  features: string[];
}

const EDITIONS = ['', 'Black', 'White', 'Graphite', 'Sage', 'Two-pack', 'Three-pack', 'Starter kit', 'Refurbished', 'Business edition'];

/** A catalogue: every product line in several editions, unique names and SKUs. */
export function generateProducts(count: number, seed = 5): GeneratedProduct[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const line = PRODUCT_LINES[i % PRODUCT_LINES.length];
    const edition = EDITIONS[Math.floor(i / PRODUCT_LINES.length) % EDITIONS.length];
    const round = Math.floor(i / (PRODUCT_LINES.length * EDITIONS.length));
    const name = [line.name, line.kind, edition, round ? `(gen ${round + 1})` : ''].filter(Boolean).join(' ');
    // Networking, audio and accessories read like the installation topic; the others have their own.
    const topic = TOPICS.find((t) => t.category === line.category) ?? TOPICS.find((t) => t.category === 'installation') ?? TOPICS[0];
    return {
      name,
      description: `The ${line.name} ${line.kind}. ${prose(topic, 40 + Math.floor(random() * 40), random)}`,
      category: line.category,
      price: Math.round((19 + random() * 480) * 100) / 100,
      currency: 'USD',
      sku: `${line.name.replace(/[^A-Za-z0-9]/g, '').toUpperCase().slice(0, 8)}-${String(i).padStart(4, '0')}`,
      features: [...new Set(Array.from({ length: 4 }, () => pick(FEATURES, random)))].slice(0, 3),
    };
  });
}

export interface SearchQuestion {
  query: string;
  kind: QuestionKind;
}

/** `count` distinct customer questions from every topic, slots filled: broad, specific and rare ones. */
export function generateQuestions(count: number, seed = 3): SearchQuestion[] {
  const random = seededRandom(seed);
  const templates = TOPICS.flatMap((topic) => topic.questions);
  const seen = new Set<string>();
  const questions: SearchQuestion[] = [];
  // Templates without slots give one question each; the rest give many, until the pool is full.
  for (let attempts = 0; questions.length < count && attempts < count * 50; attempts += 1) {
    const template = templates[attempts % templates.length];
    const query = fill(template.text, random);
    if (seen.has(query)) continue;
    seen.add(query);
    questions.push({ query, kind: template.kind });
  }
  return questions;
}
