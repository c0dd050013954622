import type { Section } from './extracted-document';

export interface ChunkDraft {
  ordinal: number;
  heading: string | null;
  content: string;
  page: number | null;
  url: string | null;
}

export interface ChunkOptions {
  maxWords: number;
  /** Words a chunk repeats from the end of the one before it, when a long section is split. */
  overlapWords: number;
}

export const HEADING_SEPARATOR = ' › ';

/** Consecutive prose sections that may share chunks: same heading path, page and URL. */
interface Run {
  heading: string[];
  page: number | null;
  url: string | null;
  /** Each section's words. */
  sections: string[][];
  faq: boolean;
}

/**
 * Sections to search-sized chunks. Consecutive sections under the same heading path (and page or
 * URL) are packed together up to `maxWords`; a section longer than that is split into windows that
 * overlap by `overlapWords`, ending on a sentence where one is near. Chunks never span two heading
 * paths, pages or URLs, and an FAQ pair is always exactly one chunk, however long.
 */
export function chunkSections(sections: Section[], options: ChunkOptions): ChunkDraft[] {
  const maxWords = Math.max(1, Math.floor(options.maxWords));
  const overlap = Math.min(Math.max(0, Math.floor(options.overlapWords)), Math.floor(maxWords / 2));
  const drafts: Array<Omit<ChunkDraft, 'ordinal'>> = [];
  for (const run of runsOf(sections)) {
    const heading = run.heading.length > 0 ? run.heading.join(HEADING_SEPARATOR) : null;
    const texts = run.faq ? run.sections.map((words) => words.join(' ')) : pack(run.sections, maxWords, overlap);
    for (const content of texts) drafts.push({ heading, content, page: run.page, url: run.url });
  }
  return drafts.map((draft, ordinal) => ({ ordinal, ...draft }));
}

function runsOf(sections: Section[]): Run[] {
  const runs: Run[] = [];
  for (const section of sections) {
    const words = section.text.split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    const heading = section.heading.map((h) => h.replace(/\s+/g, ' ').trim()).filter(Boolean);
    const page = section.page ?? null;
    const url = section.url ?? null;
    const faq = section.kind === 'faq';
    const last = runs[runs.length - 1];
    const continues = last && !faq && !last.faq && last.page === page && last.url === url &&
      last.heading.length === heading.length && last.heading.every((h, i) => h === heading[i]);
    if (continues) last.sections.push(words);
    else runs.push({ heading, page, url, sections: [words], faq });
  }
  return runs;
}

/** Whole sections go into the current chunk while they fit; a section too long for any chunk is windowed. */
function pack(sections: string[][], maxWords: number, overlap: number): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  for (const words of sections) {
    if (current.length + words.length <= maxWords) {
      current.push(...words);
      continue;
    }
    if (current.length > 0) chunks.push(current.join(' '));
    current = [];
    if (words.length <= maxWords) {
      current = [...words];
      continue;
    }
    const windows = windowsOf(words, maxWords, overlap);
    for (const window of windows.slice(0, -1)) chunks.push(window.join(' '));
    // The last window stays open: the next short section may still fit beside it.
    current = windows[windows.length - 1];
  }
  if (current.length > 0) chunks.push(current.join(' '));
  return chunks;
}

function windowsOf(words: string[], maxWords: number, overlap: number): string[][] {
  const windows: string[][] = [];
  let start = 0;
  for (;;) {
    let end = Math.min(start + maxWords, words.length);
    if (end < words.length) end = sentenceEnd(words, start, end, overlap);
    windows.push(words.slice(start, end));
    if (end >= words.length) return windows;
    start = end - overlap;
  }
}

/**
 * The end of the last sentence in the final third of the window, if there is one, so chunks read
 * as whole sentences; always past `start + overlap`, so every window moves forward.
 */
function sentenceEnd(words: string[], start: number, end: number, overlap: number): number {
  const earliest = Math.max(start + overlap + 1, start + Math.ceil(((end - start) * 2) / 3));
  for (let i = end; i > earliest; i--) {
    if (/[.!?]["')\]]?$/.test(words[i - 1])) return i;
  }
  return end;
}
