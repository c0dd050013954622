/**
 * The one spelling of a URL the crawler compares: resolved against the page it was found on,
 * without its #fragment (the same page), http(s) only. Null for anything else (mailto:, javascript:).
 */
export function normalizeCrawlUrl(href: string, base?: string): string | null {
  if (!URL.canParse(href.trim(), base)) return null;
  const url = new URL(href.trim(), base);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  return url.href;
}
