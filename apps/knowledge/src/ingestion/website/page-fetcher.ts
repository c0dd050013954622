import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { readAtMost } from '../read-at-most';
import { assertPublicHost, BlockedHostError, publicOnlyLookup } from './host-guard';

export interface FetchSettings {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  allowPrivateHosts: boolean;
}

export interface FetchOptions {
  /** Redirects must stay on this origin. */
  origin: string;
  /** Accepted media types (`text/html`); any when absent. */
  mediaTypes?: string[];
  /** Overrides FetchSettings.maxBytes. */
  maxBytes?: number;
}

export interface FetchedBody {
  mediaType: string;
  /** From the Content-Type header, when it names one. */
  charset: string | undefined;
  body: Buffer;
}

export type FetchResult =
  | ({ ok: true; url: string } & FetchedBody)
  /**
   * `status`: the server answered with an error status; `unreachable`: no answer at all (network
   * error, timeout); neither: the fetcher refused the answer (off-site redirect, too large, not HTML).
   */
  | { ok: false; url: string; reason: string; status?: number; unreachable: boolean };

const MAX_REDIRECTS = 5;

/** What the fetcher refuses, as a reason a user can read (the URL is reported next to it). */
class FetchRefused extends Error {
  constructor(
    reason: string,
    readonly status?: number,
  ) {
    super(reason);
  }
}

/**
 * GETs one URL for the crawler: follows redirects while they stay on the site, refuses private
 * hosts (unless allowed), stops at the timeout and the size limit (counted after decompression),
 * and answers a reason instead of throwing for anything the site did wrong.
 */
export class PageFetcher {
  constructor(private readonly settings: FetchSettings) {}

  async fetch(url: string, options: FetchOptions): Promise<FetchResult> {
    const signal = AbortSignal.timeout(this.settings.timeoutMs);
    let current = new URL(url);
    try {
      for (let hop = 0; ; hop++) {
        if (current.origin !== options.origin) throw new FetchRefused(`redirects to ${current.href}, outside the site`);
        if (!this.settings.allowPrivateHosts) await assertPublicHost(current.hostname);
        const response = await this.get(current, signal);
        const location = response.headers.location;
        if (response.statusCode && response.statusCode >= 300 && response.statusCode < 400 && location) {
          response.resume();
          if (hop >= MAX_REDIRECTS) throw new FetchRefused(`more than ${MAX_REDIRECTS} redirects`);
          if (!URL.canParse(location, current)) throw new FetchRefused(`redirects to an invalid address (${location})`);
          current = new URL(location, current);
          continue;
        }
        return { ok: true, url: current.href, ...(await this.read(response, options)) };
      }
    } catch (err) {
      if (err instanceof FetchRefused) {
        return { ok: false, url: current.href, reason: err.message, status: err.status, unreachable: false };
      }
      if (err instanceof BlockedHostError) return { ok: false, url: current.href, reason: err.message, unreachable: false };
      return { ok: false, url: current.href, reason: networkReason(err, this.settings.timeoutMs), unreachable: true };
    }
  }

  private get(url: URL, signal: AbortSignal): Promise<IncomingMessage> {
    const request = url.protocol === 'https:' ? httpsRequest : url.protocol === 'http:' ? httpRequest : null;
    if (!request) throw new FetchRefused(`${url.protocol} links are not crawled`);
    return new Promise((resolve, reject) => {
      request(url, {
        headers: {
          'user-agent': this.settings.userAgent,
          accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
          'accept-encoding': 'gzip, deflate, br',
        },
        signal,
        ...(this.settings.allowPrivateHosts ? {} : { lookup: publicOnlyLookup }),
      })
        .once('response', resolve)
        .once('error', reject)
        .end();
    });
  }

  private async read(response: IncomingMessage, options: FetchOptions): Promise<FetchedBody> {
    const status = response.statusCode ?? 0;
    const [mediaType, ...params] = (response.headers['content-type'] ?? '').split(';').map((p) => p.trim());
    const maxBytes = options.maxBytes ?? this.settings.maxBytes;
    if (status < 200 || status >= 300) throw this.discard(response, new FetchRefused(`fetch failed: ${status}`, status));
    const media = mediaType.toLowerCase();
    if (options.mediaTypes && !options.mediaTypes.includes(media)) {
      throw this.discard(response, new FetchRefused(`not an HTML page (${media || 'no content type'})`));
    }
    const tooLarge = () => new FetchRefused(`larger than ${maxBytes} bytes`);
    if (Number(response.headers['content-length'] ?? 0) > maxBytes) throw this.discard(response, tooLarge());
    const body = await readAtMost(decoded(response), maxBytes, tooLarge).catch((err: unknown) => {
      throw this.discard(response, err);
    });
    const charset = params.find((p) => /^charset=/i.test(p))?.slice('charset='.length).replace(/"/g, '');
    return { mediaType: media, charset, body };
  }

  private discard(response: IncomingMessage, err: unknown): unknown {
    response.destroy();
    return err;
  }
}

function decoded(response: IncomingMessage): Readable {
  switch ((response.headers['content-encoding'] ?? '').toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return response.pipe(createGunzip());
    case 'deflate':
      return response.pipe(createInflate());
    case 'br':
      return response.pipe(createBrotliDecompress());
    default:
      return response;
  }
}

function networkReason(err: unknown, timeoutMs: number): string {
  const error = err as NodeJS.ErrnoException;
  if (error?.name === 'AbortError' || error?.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  if (error?.code === 'ENOTFOUND') return 'fetch failed: host not found';
  return `fetch failed: ${error?.message ?? String(err)}`;
}
