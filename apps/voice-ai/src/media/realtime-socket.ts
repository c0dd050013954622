import type { RealtimeClientEvent, RealtimeServerEvent } from 'openai/resources/realtime/realtime';
import { WebSocket, type RawData } from 'ws';

export interface RealtimeSocketOptions {
  /** The client's base URL, e.g. https://api.openai.com/v1 (http:// for a local compatible server). */
  baseURL: string;
  apiKey: string;
  model: string;
  /** How long the WebSocket handshake may take. */
  connectTimeoutMs: number;
}

/** A server event as it arrives: the SDK's union, or an event type it does not know yet. */
export type RealtimeEvent = RealtimeServerEvent | { type: string; [key: string]: unknown };

/**
 * The Realtime API's WebSocket URL for a base URL, as the SDK's OpenAIRealtimeWS derives it
 * (`<baseURL>/realtime?model=`) but keeping plain `ws://` for an `http://` base URL: the SDK
 * always switches to `wss://`, which a local compatible server without TLS cannot answer.
 */
export function realtimeUrl(baseURL: string, model: string): string {
  const url = new URL(`${baseURL.replace(/\/+$/, '')}/realtime`);
  url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  url.searchParams.set('model', model);
  return url.toString();
}

const APPEND_PREFIX = '{"type":"input_audio_buffer.append","audio":"';
const APPEND_SUFFIX = '"}';

/**
 * One Realtime API session over a WebSocket (the `ws` package, as the SDK uses), speaking the
 * SDK's event types. Caller audio has its own path: the append event is assembled as a string
 * (base64 needs no JSON escaping) and `written` is told when its bytes have left the process.
 */
export class RealtimeSocket {
  private eventHandler: (event: RealtimeEvent) => void = () => undefined;
  private closeHandler: (code: number, reason: string) => void = () => undefined;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return;
      let event: RealtimeEvent;
      try {
        event = JSON.parse(data.toString()) as RealtimeEvent;
      } catch {
        return;
      }
      if (event && typeof event.type === 'string') this.eventHandler(event);
    });
    ws.on('close', (code: number, reason: Buffer) => this.closeHandler(code, reason.toString('utf8')));
    // A socket error is followed by 'close'; handled there.
    ws.on('error', () => undefined);
  }

  /** Opens the session's socket; rejects when the handshake fails or takes longer than allowed. */
  static connect(options: RealtimeSocketOptions): Promise<RealtimeSocket> {
    const ws = new WebSocket(realtimeUrl(options.baseURL, options.model), {
      headers: { Authorization: `Bearer ${options.apiKey}` },
      handshakeTimeout: options.connectTimeoutMs,
      perMessageDeflate: false,
    });
    return new Promise((resolve, reject) => {
      const failed = (error: Error) => {
        ws.removeAllListeners();
        ws.on('error', () => undefined);
        ws.terminate();
        reject(error);
      };
      ws.once('unexpected-response', (_req, res) => failed(new Error(`the Realtime API refused the connection: HTTP ${res.statusCode ?? '?'}`)));
      ws.once('error', failed);
      ws.once('open', () => {
        ws.removeAllListeners();
        resolve(new RealtimeSocket(ws));
      });
    });
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Bytes queued in the socket, not yet written to the network. */
  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  onEvent(handler: (event: RealtimeEvent) => void): void {
    this.eventHandler = handler;
  }

  onClose(handler: (code: number, reason: string) => void): void {
    this.closeHandler = handler;
  }

  send(event: RealtimeClientEvent): boolean {
    if (!this.open) return false;
    this.ws.send(JSON.stringify(event));
    return true;
  }

  /**
   * `input_audio_buffer.append` of base64 μ-law; false when the socket is not open. `written` is
   * told once the bytes have left the process: at once when the socket took them in one go (nothing
   * left buffered), else when the socket drained them.
   */
  appendAudio(base64: string, written: (error?: Error) => void): boolean {
    if (!this.open) return false;
    let told = false;
    this.ws.send(APPEND_PREFIX + base64 + APPEND_SUFFIX, (error) => {
      if (told) return;
      told = true;
      written(error ?? undefined);
    });
    if (this.ws.bufferedAmount === 0) {
      told = true;
      written();
    }
    return true;
  }

  close(code = 1000, reason = 'call ended'): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(code, reason);
  }
}
