/** The demo news feed's content: plausible headlines, dealt in a seeded order. */

import type { Random } from './random.ts';

/** One news push as the `/news` feed sends it (JSON in the event's data). */
export interface NewsItem {
  title: string;
  body: string;
  link: string;
  source: string;
}

type Headline = Omit<NewsItem, 'link'>;

const HEADLINES: readonly Headline[] = [
  {
    title: 'Central bank holds rates steady',
    body: 'Policy makers kept the benchmark rate unchanged and signalled patience on further moves.',
    source: 'Markets Desk',
  },
  {
    title: 'Port volumes rebound after holiday lull',
    body: 'Container throughput at the three largest ports rose for a second straight week.',
    source: 'Trade Weekly',
  },
  {
    title: 'New high-speed rail line opens to passengers',
    body: 'The 420 km line cuts travel time between the two provincial capitals to under two hours.',
    source: 'Transport Daily',
  },
  {
    title: 'Chip maker unveils low-power AI accelerator',
    body: 'The company says the part doubles inference throughput per watt over its previous generation.',
    source: 'Tech Wire',
  },
  {
    title: 'Heavy rain warning issued for coastal districts',
    body: 'Forecasters expect up to 120 mm of rain over the next 24 hours; ferry services may be suspended.',
    source: 'Weather Service',
  },
  {
    title: 'Electric car sales hit monthly record',
    body: 'Battery-electric models made up more than a third of new registrations last month.',
    source: 'Auto Report',
  },
  {
    title: 'City library extends weekend opening hours',
    body: 'Branches will stay open until 9 pm on Saturdays and Sundays starting next month.',
    source: 'City News',
  },
  {
    title: 'Researchers map ocean floor with autonomous drones',
    body: 'A fleet of underwater vehicles charted 12,000 square kilometres in six weeks.',
    source: 'Science Today',
  },
  {
    title: 'Open-source browser engine ships major release',
    body: 'The release brings a faster layout engine and improved accessibility support.',
    source: 'Dev Digest',
  },
  {
    title: 'Airline adds direct routes to three European cities',
    body: 'Flights start in the spring schedule, with four weekly departures per route.',
    source: 'Travel Brief',
  },
  {
    title: 'Wheat prices ease on strong harvest outlook',
    body: 'Futures fell 2% after growers raised their yield estimates for the season.',
    source: 'Commodities Hub',
  },
  {
    title: 'National team advances to tournament semi-final',
    body: 'A late penalty sealed a 2-1 win in front of a sold-out stadium.',
    source: 'Sports Line',
  },
  {
    title: 'Museum reopens after two-year renovation',
    body: 'The east wing now houses a permanent exhibition on the history of printing.',
    source: 'Culture Post',
  },
  {
    title: 'Cloud provider reports regional outage resolved',
    body: 'Storage services in one region were degraded for 40 minutes; no data was lost, the company said.',
    source: 'Tech Wire',
  },
  {
    title: 'Solar capacity additions outpace forecasts',
    body: 'Installations in the first half of the year already exceed the full-year target.',
    source: 'Energy Monitor',
  },
  {
    title: 'Housing starts slow for third month',
    body: 'Developers cited higher financing costs and a backlog of unsold units.',
    source: 'Markets Desk',
  },
  {
    title: 'University launches free online course in data literacy',
    body: 'The eight-week course is aimed at people with no programming background.',
    source: 'Education Times',
  },
  {
    title: 'Smartphone maker recalls batch of chargers',
    body: 'Owners of affected units can exchange them at any service centre at no cost.',
    source: 'Consumer Watch',
  },
  {
    title: 'Subway line 4 resumes full service',
    body: 'Signal upgrades finished a week ahead of schedule, the operator said.',
    source: 'City News',
  },
  {
    title: 'Retail sales beat expectations',
    body: 'Spending on electronics and travel led a 4.1% year-on-year rise.',
    source: 'Markets Desk',
  },
  {
    title: 'Astronomers spot comet visible to the naked eye',
    body: 'The comet should be brightest just after sunset in the western sky next week.',
    source: 'Science Today',
  },
  {
    title: 'Startup raises funds for vertical farming network',
    body: 'The company plans ten indoor farms near major cities by the end of next year.',
    source: 'Venture Notes',
  },
  {
    title: 'Marathon draws record 30,000 runners',
    body: 'Organisers added water stations after last year\u2019s heat wave.',
    source: 'Sports Line',
  },
  {
    title: 'Programming language release adds pattern matching',
    body: 'The long-requested feature lands alongside faster compile times.',
    source: 'Dev Digest',
  },
  {
    title: 'Coffee prices climb on supply worries',
    body: 'Dry weather in key growing regions pushed arabica futures to a three-month high.',
    source: 'Commodities Hub',
  },
  {
    title: 'Park renovation adds 5 km of cycling paths',
    body: 'The new paths connect the riverside trail with the northern residential districts.',
    source: 'City News',
  },
];

/**
 * Deals headlines like cards: every headline once in a shuffled order before any repeats,
 * so a reader watching the feed sees variety rather than the same story twice in a row.
 */
export class NewsDeck {
  readonly #random: Random;
  #deck: Headline[] = [];

  constructor(random: Random) {
    this.#random = random;
  }

  /** The next news item; `eventId` makes each item's link unique. */
  next(eventId: number): NewsItem {
    if (this.#deck.length === 0) this.#deck = shuffled(HEADLINES, this.#random);
    const { title, body, source } = this.#deck.pop()!;
    return { title, body, link: `https://example.com/news/${eventId}`, source };
  }
}

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  // Fisher–Yates: every order equally likely.
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
