import { IngestionError, type ExtractedDocument, type Section } from '../extracted-document';

/** "Q: …", "Question 3: …", "A. …", "**Answer:** …" (a single letter needs ":" or "."). */
const MARKER = /^(?:[-*+]\s+)?(?:\*\*|__)?(q|question|a|answer)\s*\d*\s*[:.](?:\*\*|__)?\s*(.*)$/i;
/** A Markdown ATX heading: "## How do I pay?". */
const MARKDOWN_HEADING = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/;

interface Line {
  kind: 'question' | 'answer' | 'heading' | 'text';
  /** Without its marker ("Q:", "##"). */
  text: string;
  /** The whole line, trimmed: what an answer keeps in styles without markers. */
  line: string;
}

interface Pair {
  question: string[];
  answer: string[] | null;
}

/**
 * Splits FAQ text into question/answer pairs, in the first style it finds: "Q:"/"A:" markers, else
 * Markdown headings (each heading a question, the text under it the answer), else plain lines
 * ending in "?" followed by their answer. Each pair becomes one section, kept whole by the chunker.
 */
export function parseFaq(text: string): ExtractedDocument {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map(classify);
  const pairs = lines.some((l) => l.kind === 'question')
    ? markerPairs(lines)
    : lines.some((l) => l.kind === 'heading')
      ? headingPairs(lines)
      : plainPairs(lines);
  const sections = pairs.flatMap(toSection);
  if (sections.length === 0) {
    throw new IngestionError('no question/answer pairs found (write "Q: question" then "A: answer", or one question per line ending in "?" followed by its answer)');
  }
  return { sections, pageCount: null, title: null, metadata: { pairs: sections.length } };
}

function classify(raw: string): Line {
  const line = raw.trim();
  const marker = MARKER.exec(line);
  if (marker) return { kind: marker[1].toLowerCase().startsWith('q') ? 'question' : 'answer', text: marker[2], line };
  const heading = MARKDOWN_HEADING.exec(raw);
  if (heading) return { kind: 'heading', text: heading[1], line };
  return { kind: 'text', text: line, line };
}

function markerPairs(lines: Line[]): Pair[] {
  const pairs: Pair[] = [];
  let current: Pair | null = null;
  for (const line of lines) {
    if (line.kind === 'question') pairs.push((current = { question: [line.text], answer: null }));
    else if (line.kind === 'heading') current = null; // a section title between pairs, not part of an answer
    else if (!current) continue;
    else if (line.kind === 'answer') (current.answer ??= []).push(line.text);
    else if (current.answer) current.answer.push(line.text);
    else current.question.push(line.text);
  }
  return pairs;
}

function headingPairs(lines: Line[]): Pair[] {
  const pairs: Pair[] = [];
  let current: Pair | null = null;
  for (const line of lines) {
    if (line.kind === 'heading') pairs.push((current = { question: [line.text], answer: [] }));
    else current?.answer?.push(line.line);
  }
  return pairs;
}

function plainPairs(lines: Line[]): Pair[] {
  const pairs: Pair[] = [];
  let current: Pair | null = null;
  for (const line of lines) {
    if (isQuestion(line.line)) {
      // A second question line before any answer continues the first ("Can I pay by card?\nOr by invoice?").
      if (current && !hasText(current.answer)) current.question.push(line.line);
      else pairs.push((current = { question: [line.line], answer: [] }));
    } else current?.answer?.push(line.line);
  }
  return pairs;
}

function isQuestion(line: string): boolean {
  return /\?$/.test(stripEmphasis(line));
}

function hasText(lines: string[] | null): boolean {
  return !!lines && lines.some((l) => l.trim() !== '');
}

function toSection(pair: Pair): Section[] {
  const question = stripEmphasis(pair.question.filter(Boolean).join(' '));
  const answer = (pair.answer ?? []).join('\n').trim();
  return question && answer ? [{ heading: [question], text: answer, kind: 'faq' }] : [];
}

/** "**How do I pay?**" and "- How do I pay?" read as "How do I pay?". */
function stripEmphasis(text: string): string {
  return text.trim().replace(/^(?:[-*+]|\d+[.)])\s+/, '').replace(/^(\*\*|__|\*|_)(.*)\1$/, '$2').trim();
}
