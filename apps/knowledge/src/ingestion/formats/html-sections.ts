import { JSDOM } from 'jsdom';
import type { Section } from '../extracted-document';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Never text a reader sees. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'object', 'button', 'select', 'head']);
/** Elements that end the paragraph before them and start a new one. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hgroup', 'hr', 'li', 'main', 'nav', 'ol', 'p',
  'pre', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'ul',
]);
const HEADING = /^h([1-6])$/;

/** Parses an HTML fragment (mammoth's or markdown-it's output) without a browsing context. */
export function htmlFragment(html: string): DocumentFragment {
  return JSDOM.fragment(html);
}

/**
 * Turns rendered HTML into sections: h1..h6 build the heading path (a heading closes every deeper
 * one), and the paragraphs, list items and table rows under a path become that section's text.
 * Every format that renders to HTML (DOCX, Markdown, web pages) shares this one walk.
 */
export function htmlToSections(root: ParentNode, options: { baseHeading?: string[]; url?: string } = {}): Section[] {
  const builder = new SectionBuilder(options.baseHeading ?? [], options.url);
  walk(root as unknown as Node, builder);
  return builder.finish();
}

/** The text of the first h1..h6 in the tree, a title for documents that have no other. */
export function firstHeading(root: ParentNode): string | null {
  const heading = root.querySelector('h1, h2, h3, h4, h5, h6');
  return heading ? collapseWhitespace(heading.textContent ?? '') || null : null;
}

/** Text as a reader sees it: runs of white space as one space, none at the ends. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function walk(node: Node, builder: SectionBuilder): void {
  if (node.nodeType === TEXT_NODE) return builder.text(node.nodeValue ?? '');
  if (node.nodeType !== ELEMENT_NODE) return walkChildren(node, builder);
  const element = node as Element;
  const tag = element.localName;
  if (SKIPPED.has(tag) || isHidden(element)) return;
  const heading = HEADING.exec(tag);
  if (heading) return builder.heading(Number(heading[1]), element.textContent ?? '');
  if (tag === 'br') return builder.text(' ');
  if (tag === 'tr') return builder.paragraph(tableRow(element));
  if (!BLOCKS.has(tag)) return walkChildren(element, builder);
  builder.endParagraph();
  walkChildren(element, builder);
  builder.endParagraph();
}

function walkChildren(node: Node, builder: SectionBuilder): void {
  for (const child of Array.from(node.childNodes)) walk(child, builder);
}

/** A table row as one line, cells separated, so a price stays next to its product. */
function tableRow(row: Element): string {
  return Array.from(row.children)
    .filter((cell) => cell.localName === 'td' || cell.localName === 'th')
    .map((cell) => collapseWhitespace(cell.textContent ?? ''))
    .filter(Boolean)
    .join(' | ');
}

function isHidden(element: Element): boolean {
  return element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true' ||
    /display\s*:\s*none/i.test(element.getAttribute('style') ?? '');
}

class SectionBuilder {
  private readonly sections: Section[] = [];
  private readonly headings: Array<{ level: number; text: string }> = [];
  private paragraphs: string[] = [];
  private inline: string[] = [];

  constructor(
    private readonly base: string[],
    private readonly url: string | undefined,
  ) {}

  text(text: string): void {
    this.inline.push(text);
  }

  paragraph(text: string): void {
    this.endParagraph();
    this.inline.push(text);
    this.endParagraph();
  }

  endParagraph(): void {
    const paragraph = collapseWhitespace(this.inline.join(''));
    this.inline = [];
    if (paragraph) this.paragraphs.push(paragraph);
  }

  heading(level: number, raw: string): void {
    const text = collapseWhitespace(raw);
    if (!text) return;
    this.endSection();
    while (this.headings.length > 0 && this.headings[this.headings.length - 1].level >= level) this.headings.pop();
    this.headings.push({ level, text });
  }

  finish(): Section[] {
    this.endSection();
    return this.sections;
  }

  private endSection(): void {
    this.endParagraph();
    if (this.paragraphs.length > 0) {
      this.sections.push({
        heading: this.headingPath(),
        text: this.paragraphs.join('\n\n'),
        kind: 'prose',
        ...(this.url ? { url: this.url } : {}),
      });
    }
    this.paragraphs = [];
  }

  /** The base (a page title) then the open headings; a page's h1 usually repeats its title: once is enough. */
  private headingPath(): string[] {
    const path: string[] = [];
    for (const heading of [...this.base, ...this.headings.map((h) => h.text)]) {
      if (path.length === 0 || path[path.length - 1].toLowerCase() !== heading.toLowerCase()) path.push(heading);
    }
    return path;
  }
}
