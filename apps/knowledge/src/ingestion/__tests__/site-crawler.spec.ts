import { gzipSync } from 'node:zlib';
import { htmlPage, startTestSite, type TestSite } from '@parley/testing';
import { IngestionError } from '../extracted-document';
import { SiteCrawler, type CrawlSettings } from '../website/site-crawler';

const settings: CrawlSettings = {
  maxDepth: 2,
  maxPages: 50,
  concurrency: 4,
  timeoutMs: 5_000,
  maxBytes: 1024 * 1024,
  userAgent: 'ParleyBot/1.0 (+https://github.com/parley)',
  allowPrivateHosts: true,
};

/** A page with some text and links to other paths. */
const page = (title: string, links: string[] = [], text = `All about ${title.toLowerCase()}.`) =>
  htmlPage(title, `<nav>${links.map((href) => `<a href="${href}">${href}</a>`).join(' ')}</nav><main><h1>${title}</h1><p>${text}</p></main>`);

const pagesOf = (metadata: Record<string, unknown>) => (metadata.pages as Array<{ url: string }>).map((p) => new URL(p.url).pathname);

describe('SiteCrawler', () => {
  const sites: TestSite[] = [];
  const site = async (...args: Parameters<typeof startTestSite>) => {
    const started = await startTestSite(...args);
    sites.push(started);
    return started;
  };
  afterEach(async () => {
    await Promise.all(sites.splice(0).map((s) => s.close()));
  });

  it('follows same-site links breadth-first down to the configured depth', async () => {
    const shop = await site({
      '/': page('Home', ['/a', '/b']),
      '/a': page('A', ['/a/deeper']),
      '/b': page('B'),
      '/a/deeper': page('Deeper', ['/a/deeper/deepest']),
      '/a/deeper/deepest': page('Deepest'),
    });
    const doc = await new SiteCrawler(settings).crawl(`${shop.url}/`);
    expect(pagesOf(doc.metadata)).toEqual(['/', '/a', '/b', '/a/deeper']);
    expect(doc.pageCount).toBe(4);
    expect(doc.title).toBe('Home');
    expect(shop.requests).not.toContain('/a/deeper/deepest');
    expect(doc.sections.map((s) => [new URL(s.url ?? '').pathname, s.heading, s.text])).toEqual([
      ['/', ['Home'], 'All about home.'],
      ['/a', ['A'], 'All about a.'],
      ['/b', ['B'], 'All about b.'],
      ['/a/deeper', ['Deeper'], 'All about deeper.'],
    ]);
  });

  it('reads only the start page at depth 0', async () => {
    const shop = await site({ '/': page('Home', ['/a']), '/a': page('A') });
    const doc = await new SiteCrawler({ ...settings, maxDepth: 0 }).crawl(shop.url);
    expect(pagesOf(doc.metadata)).toEqual(['/']);
    expect(shop.requests).toEqual(['/robots.txt', '/']);
  });

  it('never requests a page robots.txt disallows, and lists it as skipped', async () => {
    const shop = await site(
      { '/': page('Home', ['/public', '/private/report', '/other-bot']), '/public': page('Public'), '/private/report': page('Secret'), '/other-bot': page('Other') },
      'User-agent: *\nDisallow: /private/\n\nUser-agent: OtherBot\nDisallow: /other-bot\n',
    );
    const doc = await new SiteCrawler(settings).crawl(`${shop.url}/`);
    expect(pagesOf(doc.metadata)).toEqual(['/', '/public', '/other-bot']);
    expect(shop.requests).not.toContain('/private/report');
    expect(doc.metadata.skipped).toEqual([{ url: `${shop.url}/private/report`, reason: 'disallowed by robots.txt' }]);
  });

  it('obeys rules written for its own user agent', async () => {
    const shop = await site({ '/': page('Home', ['/a']), '/a': page('A') }, 'User-agent: ParleyBot\nDisallow: /a\n');
    const doc = await new SiteCrawler(settings).crawl(`${shop.url}/`);
    expect(pagesOf(doc.metadata)).toEqual(['/']);
    expect(shop.requests).not.toContain('/a');
  });

  it('fails when robots.txt disallows the start page', async () => {
    const shop = await site({ '/': page('Home') }, 'User-agent: *\nDisallow: /\n');
    await expect(new SiteCrawler(settings).crawl(`${shop.url}/`)).rejects.toThrow(new IngestionError(`robots.txt disallows ${shop.url}/`));
    expect(shop.requests).toEqual(['/robots.txt']);
  });

  it('reads no page while robots.txt answers a server error', async () => {
    const shop = await site({ '/': page('Home'), '/robots.txt': { status: 503, body: 'down' } });
    await expect(new SiteCrawler(settings).crawl(`${shop.url}/`)).rejects.toThrow(/^robots\.txt could not be read \(fetch failed: 503\)/);
    expect(shop.requests).toEqual(['/robots.txt']);
  });

  it('fetches each page once however the links loop, with fragments and relative paths', async () => {
    const shop = await site({
      '/': page('Home', ['/a', '/a#top', 'a', './', '/']),
      '/a': page('A', ['/', '/b', 'b#x', '../a']),
      '/b': page('B', ['/a', '/', '/b']),
    });
    const doc = await new SiteCrawler({ ...settings, maxDepth: 50 }).crawl(`${shop.url}/`);
    expect(pagesOf(doc.metadata)).toEqual(['/', '/a', '/b']);
    expect(shop.requests.filter((r) => r !== '/robots.txt').sort()).toEqual(['/', '/a', '/b']);
  });

  it('does not follow links to other sites', async () => {
    const other = await site({ '/': page('Elsewhere') });
    const shop = await site({ '/': page('Home', [`${other.url}/`, 'mailto:sales@acme.test', 'javascript:void(0)', '/a']), '/a': page('A') });
    const doc = await new SiteCrawler(settings).crawl(`${shop.url}/`);
    expect(pagesOf(doc.metadata)).toEqual(['/', '/a']);
    expect(other.requests).toEqual([]);
  });

  it('stops at the page cap', async () => {
    const links = Array.from({ length: 10 }, (_, i) => `/p${i}`);
    const shop = await site({ '/': page('Home', links), ...Object.fromEntries(links.map((l) => [l, page(l)])) });
    const doc = await new SiteCrawler({ ...settings, maxPages: 3 }).crawl(`${shop.url}/`);
    expect(pagesOf(doc.metadata)).toEqual(['/', '/p0', '/p1']);
    expect(doc.metadata.page_limit_reached).toBe(true);
    expect(shop.requests.filter((r) => r !== '/robots.txt')).toHaveLength(3);
  });

  it('skips pages that are not HTML, too large or missing, and says why', async () => {
    const shop = await site({
      '/': page('Home', ['/brochure.pdf', '/huge', '/gone', '/ok']),
      '/brochure.pdf': { contentType: 'application/pdf', body: '%PDF-1.7' },
      '/huge': page('Huge', [], 'word '.repeat(3000)),
      '/ok': page('OK'),
    });
    const doc = await new SiteCrawler({ ...settings, maxBytes: 4096 }).crawl(`${shop.url}/`);
    expect(pagesOf(doc.metadata)).toEqual(['/', '/ok']);
    expect(doc.metadata.skipped).toEqual([
      { url: `${shop.url}/brochure.pdf`, reason: 'not an HTML page (application/pdf)' },
      { url: `${shop.url}/huge`, reason: 'larger than 4096 bytes' },
      { url: `${shop.url}/gone`, reason: 'fetch failed: 404' },
    ]);
  });

  it('gives up on a page that does not answer in time', async () => {
    const shop = await site({ '/': page('Home', ['/slow', '/ok']), '/slow': { hang: true }, '/ok': page('OK') });
    const doc = await new SiteCrawler({ ...settings, timeoutMs: 150 }).crawl(`${shop.url}/`);
    expect(pagesOf(doc.metadata)).toEqual(['/', '/ok']);
    expect(doc.metadata.skipped).toEqual([{ url: `${shop.url}/slow`, reason: 'no answer within 150 ms' }]);
  });

  it('reads compressed pages', async () => {
    const shop = await site({ '/': { headers: { 'content-encoding': 'gzip' }, body: gzipSync(page('Home', [], 'Fresh bread daily.')) } });
    const doc = await new SiteCrawler(settings).crawl(`${shop.url}/`);
    expect(doc.sections.map((s) => s.text)).toEqual(['Fresh bread daily.']);
  });

  it('decodes pages by their declared charset, else as UTF-8 when they are', async () => {
    const body = (text: string) => `<html><head><title>Menu</title></head><body><p>${text}</p></body></html>`;
    const shop = await site({
      '/': { contentType: 'text/html', body: body('Crème brûlée <a href="/latin">more</a>') },
      '/latin': { contentType: 'text/html; charset=iso-8859-1', body: Buffer.from(body('Tarte flambée'), 'latin1') },
    });
    const doc = await new SiteCrawler(settings).crawl(`${shop.url}/`);
    expect(doc.sections.map((s) => s.text)).toEqual(['Crème brûlée more', 'Tarte flambée']);
  });

  it('follows redirects on the site and refuses those that leave it', async () => {
    const other = await site({ '/': page('Elsewhere') });
    const shop = await site({
      '/': page('Home', ['/old', '/away']),
      '/old': { status: 301, headers: { location: '/new' } },
      '/new': page('New'),
      '/away': { status: 302, headers: { location: `${other.url}/` } },
    });
    const doc = await new SiteCrawler(settings).crawl(`${shop.url}/`);
    expect(pagesOf(doc.metadata)).toEqual(['/', '/new']);
    expect(doc.metadata.skipped).toEqual([{ url: `${shop.url}/away`, reason: `redirects to ${other.url}/, outside the site` }]);
    expect(other.requests).toEqual([]);
  });

  it('fails with the reason when the start page cannot be fetched', async () => {
    const shop = await site({});
    await expect(new SiteCrawler(settings).crawl(`${shop.url}/missing`)).rejects.toThrow(
      new IngestionError(`${shop.url}/missing: fetch failed: 404`),
    );
  });

  it('refuses a start URL on a private address unless private hosts are allowed', async () => {
    const shop = await site({ '/': page('Home') });
    const crawler = new SiteCrawler({ ...settings, allowPrivateHosts: false });
    await expect(crawler.crawl(`${shop.url}/`)).rejects.toThrow(new IngestionError('127.0.0.1 is not a public address (loopback)'));
    await expect(crawler.crawl(`http://localhost:${new URL(shop.url).port}/`)).rejects.toThrow(
      /^localhost resolves to (127\.0\.0\.1|::1), not a public address \(loopback\)$/,
    );
    await expect(crawler.crawl('http://[::1]/')).rejects.toThrow(/^::1 is not a public address \(loopback\)$/);
    expect(shop.requests).toEqual([]);
  });

  it('refuses what is not a web address', async () => {
    await expect(new SiteCrawler(settings).crawl('ftp://files.acme.test/')).rejects.toThrow(new IngestionError('not a web address: ftp://files.acme.test/'));
    await expect(new SiteCrawler(settings).crawl('not a url')).rejects.toThrow(IngestionError);
  });
});
