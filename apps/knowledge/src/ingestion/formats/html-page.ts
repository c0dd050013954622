import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import type { Section } from '../extracted-document';
import { collapseWhitespace, firstHeading, htmlToSections } from './html-sections';

export interface HtmlPage {
  title: string | null;
  sections: Section[];
  /** Every link on the page (navigation included), resolved against the page URL. */
  links: string[];
}

/**
 * Site chrome that is never the content; removed before Readability so it cannot score them as
 * the article on short pages. A <header> inside the article (its title block) stays.
 */
const BOILERPLATE = [
  'script', 'style', 'noscript', 'template', 'nav', 'aside', 'footer', 'form', 'dialog',
  '[role=navigation]', '[role=banner]', '[role=contentinfo]', '[role=complementary]', '[role=search]',
].join(', ');

/**
 * Reads a web page (an uploaded HTML file or a crawled page): the main content as sections under
 * the page title, with navigation and boilerplate stripped by Mozilla Readability (Firefox's
 * reader view). Bytes let jsdom sniff the encoding from a <meta charset> or the content type.
 */
export function readHtmlPage(html: string | Buffer, options: { url?: string; charset?: string } = {}): HtmlPage {
  const dom = new JSDOM(html, {
    url: options.url,
    contentType: options.charset ? `text/html; charset=${options.charset}` : 'text/html',
    // Silent: CSS the parser does not understand is not the uploader's problem.
    virtualConsole: new VirtualConsole(),
  });
  const document = dom.window.document;
  try {
    const links = Array.from(document.querySelectorAll('a[href]'), (a) => (a as HTMLAnchorElement).href);
    for (const element of Array.from(document.querySelectorAll(BOILERPLATE))) element.remove();
    for (const header of Array.from(document.querySelectorAll('header'))) {
      if (!header.closest('article, main')) header.remove();
    }
    const fallback = document.body.cloneNode(true) as HTMLElement;
    const pageTitle = collapseWhitespace(document.title);
    const article = new Readability<Element>(document, { serializer: (node) => node as Element }).parse();
    const content = article?.content && collapseWhitespace(article.textContent ?? '') ? article.content : fallback;
    const title = pageTitle || collapseWhitespace(article?.title ?? '') || firstHeading(fallback);
    return {
      title: title || null,
      sections: htmlToSections(content, { baseHeading: title ? [title] : [], url: options.url }),
      links,
    };
  } finally {
    dom.window.close();
  }
}
