import robotsParser from 'robots-parser';
import type { PageFetcher } from './page-fetcher';

/** RFC 9309 asks crawlers to read at least 500 KiB of a robots.txt. */
const MAX_ROBOTS_BYTES = 512 * 1024;

/** Whether the site's robots.txt lets our user agent fetch a URL. */
export interface RobotsRules {
  isAllowed(url: string): boolean;
  /** Why everything is disallowed when robots.txt could not be read; null otherwise. */
  readonly unavailable: string | null;
}

/**
 * Reads the origin's robots.txt as RFC 9309 says: a missing one (4xx) allows everything, an
 * unreachable one (5xx, network failure) disallows everything, since the site may be down. One
 * the fetcher refuses (it redirects off the site, it is huge) counts as missing.
 */
export async function loadRobotsRules(origin: string, fetcher: PageFetcher, userAgent: string): Promise<RobotsRules> {
  const robotsUrl = `${origin}/robots.txt`;
  const result = await fetcher.fetch(robotsUrl, { origin, maxBytes: MAX_ROBOTS_BYTES });
  if (result.ok) {
    const robots = robotsParser(robotsUrl, result.body.toString('utf8'));
    return { isAllowed: (url) => robots.isAllowed(url, userAgent) !== false, unavailable: null };
  }
  if (!result.unreachable && (result.status ?? 0) < 500) return { isAllowed: () => true, unavailable: null };
  const reason = `robots.txt could not be read (${result.reason})`;
  return { isAllowed: () => false, unavailable: reason };
}
