/**
 * Reads the TwiML our side answers, the way Twilio would: a well-formed XML document whose root is
 * <Response>. Only what the fake acts on is interpreted (<Say>, <Gather>, <Connect><Stream>,
 * <Redirect>, <Hangup>, <Reject>); every document is kept verbatim on the call record.
 */

export interface TwimlNode {
  name: string;
  attributes: Record<string, string>;
  children: TwimlNode[];
  /** The element's own text (entities decoded), e.g. the URL inside <Redirect>. */
  text: string;
}

/** Twilio's error 12100: the document could not be parsed. */
export class TwimlParseError extends Error {
  readonly code = 12100;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return String.fromCodePoint(code);
    }
    const known = ENTITIES[entity];
    if (known === undefined) throw new TwimlParseError(`unknown entity &${entity};`);
    return known;
  });
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ATTRIBUTE = /^\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/;

/** A small recursive-descent XML reader: elements, attributes, text, CDATA, comments, a prolog. */
class XmlReader {
  private at = 0;

  constructor(private readonly xml: string) {}

  document(): TwimlNode {
    this.skipMisc();
    if (this.xml.startsWith('<?xml', this.at)) {
      const end = this.xml.indexOf('?>', this.at);
      if (end < 0) throw new TwimlParseError('unterminated XML declaration');
      this.at = end + 2;
    }
    this.skipMisc();
    const root = this.element();
    this.skipMisc();
    if (this.at < this.xml.length) throw new TwimlParseError('content after the root element');
    return root;
  }

  private skipMisc(): void {
    for (;;) {
      const before = this.at;
      while (this.at < this.xml.length && /\s/.test(this.xml[this.at])) this.at++;
      if (this.xml.startsWith('<!--', this.at)) this.skipPast('-->');
      if (this.at === before) return;
    }
  }

  private skipPast(marker: string): void {
    const end = this.xml.indexOf(marker, this.at);
    if (end < 0) throw new TwimlParseError(`missing ${marker}`);
    this.at = end + marker.length;
  }

  private element(): TwimlNode {
    if (this.xml[this.at] !== '<') throw new TwimlParseError(`expected an element at offset ${this.at}`);
    this.at++;
    const name = NAME.exec(this.xml.slice(this.at))?.[0];
    if (!name) throw new TwimlParseError(`bad element name at offset ${this.at}`);
    this.at += name.length;
    const node: TwimlNode = { name, attributes: {}, children: [], text: '' };
    for (;;) {
      const attribute = ATTRIBUTE.exec(this.xml.slice(this.at, this.at + 4096));
      if (!attribute) break;
      node.attributes[attribute[1]] = decodeEntities(attribute[3] ?? attribute[4]);
      this.at += attribute[0].length;
    }
    while (/\s/.test(this.xml[this.at] ?? '')) this.at++;
    if (this.xml.startsWith('/>', this.at)) {
      this.at += 2;
      return node;
    }
    if (this.xml[this.at] !== '>') throw new TwimlParseError(`malformed start tag <${name}>`);
    this.at++;
    this.content(node);
    return node;
  }

  private content(node: TwimlNode): void {
    for (;;) {
      if (this.at >= this.xml.length) throw new TwimlParseError(`<${node.name}> is never closed`);
      if (this.xml.startsWith('</', this.at)) {
        const end = this.xml.indexOf('>', this.at);
        const closing = end < 0 ? '' : this.xml.slice(this.at + 2, end).trim();
        if (closing !== node.name) throw new TwimlParseError(`</${closing}> closes <${node.name}>`);
        this.at = end + 1;
        return;
      }
      if (this.xml.startsWith('<!--', this.at)) {
        this.skipPast('-->');
      } else if (this.xml.startsWith('<![CDATA[', this.at)) {
        const end = this.xml.indexOf(']]>', this.at);
        if (end < 0) throw new TwimlParseError('unterminated CDATA');
        node.text += this.xml.slice(this.at + 9, end);
        this.at = end + 3;
      } else if (this.xml[this.at] === '<') {
        node.children.push(this.element());
      } else {
        const end = this.xml.indexOf('<', this.at);
        const stop = end < 0 ? this.xml.length : end;
        node.text += decodeEntities(this.xml.slice(this.at, stop));
        this.at = stop;
      }
    }
  }
}

/** Parses a TwiML document; throws TwimlParseError when Twilio would answer error 12100. */
export function parseTwiml(xml: string): TwimlNode {
  const root = new XmlReader(xml.replace(/^\uFEFF/, '')).document();
  if (root.name !== 'Response') throw new TwimlParseError(`the root element is <${root.name}>, not <Response>`);
  return root;
}

export type TwimlEnding = { verb: 'Hangup' } | { verb: 'Reject'; reason: 'rejected' | 'busy' };

/** The first verb that ends the call (<Hangup/>, <Reject/>), if the document reaches one. */
export function callEnding(document: TwimlNode): TwimlEnding | undefined {
  for (const verb of document.children) {
    if (verb.name === 'Redirect') return undefined;
    if (verb.name === 'Hangup') return { verb: 'Hangup' };
    if (verb.name === 'Reject') return { verb: 'Reject', reason: verb.attributes.reason === 'busy' ? 'busy' : 'rejected' };
  }
  return undefined;
}

/** A top-level <Redirect> reached before any ending verb: where Twilio fetches the next document. */
export function redirectOf(document: TwimlNode, documentUrl: string | undefined): { url: string; method: string } | undefined {
  for (const verb of document.children) {
    if (verb.name === 'Hangup' || verb.name === 'Reject') return undefined;
    if (verb.name === 'Redirect') return redirectTarget(verb, documentUrl);
  }
  return undefined;
}

/** Where one <Redirect> sends the call: its URL resolved against the document's, and the method. Throws on a URL that cannot be resolved. */
export function redirectTarget(verb: TwimlNode, documentUrl: string | undefined): { url: string; method: string } {
  const target = verb.text.trim();
  const url = documentUrl ? new URL(target, documentUrl).toString() : target;
  return { url, method: (verb.attributes.method ?? 'POST').toUpperCase() };
}

/** What the caller hears of a <Say>: its text and that of its SSML children, whitespace folded. */
export function spokenText(say: TwimlNode): string {
  const parts = [say.text, ...say.children.map(spokenText)];
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** A <Connect><Stream> the call reaches: where the stream goes, and which verb of the document it is. */
export interface ConnectedStream {
  /** Index of the <Connect> among the document's verbs: Twilio goes on after it once the stream closes. */
  index: number;
  url: string;
  parameters: Record<string, string>;
}

/**
 * The first top-level <Connect> holding a <Stream>, when the call reaches it (no ending verb or
 * <Redirect> before it). <Connect> blocks the rest of the document until its socket closes.
 */
export function connectedStreamOf(document: TwimlNode, documentUrl: string | undefined): ConnectedStream | undefined {
  for (const [index, verb] of document.children.entries()) {
    if (verb.name === 'Hangup' || verb.name === 'Reject' || verb.name === 'Redirect') return undefined;
    if (verb.name !== 'Connect') continue;
    const stream = streamOf(verb, documentUrl);
    if (stream) return { index, ...stream };
  }
  return undefined;
}

/** The <Stream> of one <Connect> verb, with its URL resolved and its <Parameter>s; undefined when it has none. */
export function streamOf(connect: TwimlNode, documentUrl: string | undefined): Omit<ConnectedStream, 'index'> | undefined {
  const stream = connect.children.find((child) => child.name === 'Stream');
  if (!stream) return undefined;
  const parameters: Record<string, string> = {};
  for (const parameter of stream.children) {
    if (parameter.name === 'Parameter' && parameter.attributes.name !== undefined) parameters[parameter.attributes.name] = parameter.attributes.value ?? '';
  }
  const target = stream.attributes.url ?? '';
  // An absolute URL is used (and signed) exactly as written.
  let url = target;
  if (!/^wss?:\/\//i.test(target) && documentUrl) {
    try {
      url = new URL(target, documentUrl).toString();
    } catch {
      // Left as written: opening it fails, as on Twilio (error 31920).
    }
  }
  return { url, parameters };
}
