/**
 * Snippets are HTML: the matched words in `<mark>`, everything else escaped so that document
 * text can never inject markup into a page that renders them. Postgres marks matches with
 * private-use characters that no document contains; they become the tags after escaping.
 */
export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';

/** Words of a snippet around the matches (ts_headline MaxWords), and of a vector-only hit's lead. */
export const SNIPPET_WORDS = 35;

/** ts_headline's options for search snippets. */
export const HEADLINE_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=${SNIPPET_WORDS}, MinWords=15, ShortWord=2`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A ts_headline result as safe HTML with `<mark>` around the matches. */
export function highlightedSnippet(headline: string): string {
  return escapeHtml(headline.replace(/\s+/g, ' ').trim()).replaceAll(MATCH_START, '<mark>').replaceAll(MATCH_END, '</mark>');
}

/** The opening words of a chunk, for a hit found by meaning alone (no words to highlight). */
export function leadSnippet(content: string, words = SNIPPET_WORDS): string {
  const all = content.split(/\s+/).filter(Boolean);
  const lead = all.slice(0, words).join(' ');
  return escapeHtml(all.length > words ? `${lead} …` : lead);
}
