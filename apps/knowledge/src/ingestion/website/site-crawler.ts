import { isUtf8 } from 'node:buffer';
import { IngestionError, type ExtractedDocument, type Section } from '../extracted-document';
import { readHtmlPage } from '../formats/html-page';
import { normalizeCrawlUrl } from './crawl-url';
import { assertPublicHost } from './host-guard';
import { PageFetcher, type FetchSettings } from './page-fetcher';
import { loadRobotsRules, type RobotsRules } from './robots-rules';

export interface CrawlSettings extends FetchSettings {
  /** Links followed from the start page (0: the start page only). */
  maxDepth: number;
  /** Pages fetched per site. */
  maxPages: number;
  /** Pages fetched at a time. */
  concurrency: number;
}

export interface CrawledPage {
  url: string;
  title: string | null;
}

export interface SkippedPage {
  url: string;
  reason: string;
}

const HTML_TYPES = ['text/html', 'application/xhtml+xml'];

/** A URL waiting to be fetched; `order` is its place in breadth-first discovery order. */
interface Target {
  url: string;
  depth: number;
  order: number;
}

interface Visit {
  order: number;
  page: CrawledPage;
  sections: Section[];
}

/**
 * Crawls one website breadth-first from a start URL: same origin only, up to a depth and a page
 * cap, a few pages at a time, obeying robots.txt. Every URL is normalised and fetched at most
 * once, so link loops end. The result lists the pages read and the ones skipped, with why.
 */
export class SiteCrawler {
  private readonly fetcher: PageFetcher;

  constructor(private readonly settings: CrawlSettings) {
    this.fetcher = new PageFetcher(settings);
  }

  async crawl(startUrl: string): Promise<ExtractedDocument> {
    const start = normalizeCrawlUrl(startUrl);
    if (!start) throw new IngestionError(`not a web address: ${startUrl}`);
    const origin = new URL(start).origin;
    if (!this.settings.allowPrivateHosts) {
      await assertPublicHost(new URL(start).hostname).catch((err: Error & { code?: string }) => {
        throw new IngestionError(err.code === 'ENOTFOUND' ? `${new URL(start).hostname} was not found` : err.message);
      });
    }
    const robots = await loadRobotsRules(origin, this.fetcher, this.settings.userAgent);
    const run = new CrawlRun(this.settings, this.fetcher, robots, origin);
    const { visits, skipped, limitReached } = await run.from(start);
    if (visits.length === 0) throw new IngestionError(failureReason(start, skipped, robots));
    const sections = visits.flatMap((v) => v.sections);
    if (sections.length === 0) throw new IngestionError(`no text found on ${start}`);
    return {
      sections,
      pageCount: visits.length,
      title: visits[0].page.title,
      metadata: { pages: visits.map((v) => v.page), skipped, page_limit_reached: limitReached },
    };
  }
}

/** Why not even the start page could be read, for the document's error. */
function failureReason(start: string, skipped: SkippedPage[], robots: RobotsRules): string {
  if (robots.unavailable) return `${robots.unavailable}, so ${start} was not crawled`;
  const first = skipped.find((s) => s.url === start) ?? skipped[0];
  if (!first) return `nothing could be fetched from ${start}`;
  return first.reason === DISALLOWED ? `robots.txt disallows ${first.url}` : `${first.url}: ${first.reason}`;
}

const DISALLOWED = 'disallowed by robots.txt';

/** The state of one crawl: the queue, what was seen, what was read. */
class CrawlRun {
  private readonly queue: Target[] = [];
  private readonly seen = new Set<string>();
  private readonly visits: Visit[] = [];
  private readonly skipped: Array<SkippedPage & { order: number }> = [];
  private active = 0;
  private discovered = 0;
  private requests = 0;

  constructor(
    private readonly settings: CrawlSettings,
    private readonly fetcher: PageFetcher,
    private readonly robots: RobotsRules,
    private readonly origin: string,
  ) {}

  async from(start: string): Promise<{ visits: Visit[]; skipped: SkippedPage[]; limitReached: boolean }> {
    this.enqueue(start, 0);
    await new Promise<void>((resolve, reject) => {
      const pump = (): void => {
        // Slots are reserved for fetches in flight, so the cap holds even when they all succeed;
        // failed fetches may use as many requests again, not more (a site full of broken links).
        while (this.active < this.settings.concurrency && this.queue.length > 0 &&
               this.visits.length + this.active < this.settings.maxPages && this.requests < 2 * this.settings.maxPages) {
          const target = this.queue.shift() as Target;
          this.active++;
          this.requests++;
          this.visit(target).then(
            () => {
              this.active--;
              pump();
            },
            reject,
          );
        }
        if (this.active === 0) resolve();
      };
      pump();
    });
    // Pages finish in any order; report them in the order they were found.
    const byOrder = (a: { order: number }, b: { order: number }) => a.order - b.order;
    return {
      visits: this.visits.sort(byOrder),
      skipped: this.skipped.sort(byOrder).map(({ url, reason }) => ({ url, reason })),
      limitReached: this.queue.length > 0,
    };
  }

  private enqueue(url: string, depth: number): void {
    if (this.seen.has(url)) return;
    this.seen.add(url);
    const order = this.discovered++;
    if (this.robots.isAllowed(url)) this.queue.push({ url, depth, order });
    else this.skipped.push({ url, reason: DISALLOWED, order });
  }

  private async visit(target: Target): Promise<void> {
    const result = await this.fetcher.fetch(target.url, { origin: this.origin, mediaTypes: HTML_TYPES });
    if (!result.ok) return void this.skipped.push({ url: target.url, reason: result.reason, order: target.order });
    // A redirect may land on a page already read (or queued) under its own URL.
    const url = normalizeCrawlUrl(result.url) ?? result.url;
    if (url !== target.url) {
      if (this.seen.has(url)) return;
      this.seen.add(url);
    }
    // With no declared encoding jsdom, like browsers, assumes windows-1252; bytes that are valid UTF-8 are UTF-8.
    const charset = result.charset ?? (isUtf8(result.body) ? 'utf-8' : undefined);
    const page = readHtmlPage(result.body, { url, charset });
    this.visits.push({ order: target.order, page: { url, title: page.title }, sections: page.sections });
    if (target.depth >= this.settings.maxDepth) return;
    for (const link of page.links) {
      const next = normalizeCrawlUrl(link);
      if (next && new URL(next).origin === this.origin) this.enqueue(next, target.depth + 1);
    }
  }
}
