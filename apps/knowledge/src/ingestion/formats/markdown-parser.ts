import MarkdownIt from 'markdown-it';
import type { ExtractedDocument } from '../extracted-document';
import { firstHeading, htmlFragment, htmlToSections } from './html-sections';

// Inline HTML is kept: the HTML walk drops scripts and styles, and never runs anything.
const markdown = new MarkdownIt({ html: true });

/** Markdown rendered by markdown-it (CommonMark), then read like any other HTML. */
export function parseMarkdown(text: string): ExtractedDocument {
  const root = htmlFragment(markdown.render(text));
  return { sections: htmlToSections(root), pageCount: null, title: firstHeading(root), metadata: {} };
}
