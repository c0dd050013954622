import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { acceptsKey, bearerToken, MISSING_KEY_MESSAGE } from './openai-wire';
import { FakeRealtimeSession, type FakeRealtimeSessionRecord, type RealtimeSessionOptions } from './realtime-session';

/**
 * The Realtime API's WebSocket door: GET /v1/realtime?model=… upgraded, authorised by a bearer
 * header (server SDKs) or an `openai-insecure-api-key.<key>` subprotocol (browsers), speaking the
 * beta protocol when the client asks for it (`OpenAI-Beta: realtime=v1` / `openai-beta.realtime-v1`).
 */

export interface RealtimeEndpoint {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  sessions: FakeRealtimeSessionRecord[];
  closeAll(): void;
}

const KEY_PROTOCOL = 'openai-insecure-api-key.';

export function realtimeEndpoint(options: RealtimeSessionOptions & { apiKey?: string }): RealtimeEndpoint {
  const sessions: FakeRealtimeSessionRecord[] = [];
  const live = new Set<{ socket: WebSocket; session: FakeRealtimeSession }>();
  const server = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has('realtime') ? 'realtime' : [...protocols][0] ?? false),
  });

  function reject(socket: Duplex, status: number, message: string, code: string | null): void {
    const body = JSON.stringify({ error: { message, type: 'invalid_request_error', param: null, code } });
    const reason = status === 401 ? 'Unauthorized' : status === 404 ? 'Not Found' : 'Bad Request';
    socket.end(`HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  }

  return {
    sessions,
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://fake');
      if (url.pathname !== '/v1/realtime') return reject(socket, 404, `Invalid URL (GET ${url.pathname})`, null);
      const protocols = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter(Boolean);
      const key = bearerToken(req) ?? protocols.find((p) => p.startsWith(KEY_PROTOCOL))?.slice(KEY_PROTOCOL.length);
      if (!acceptsKey(key, options.apiKey)) return reject(socket, 401, MISSING_KEY_MESSAGE, 'invalid_api_key');
      const model = url.searchParams.get('model') ?? (url.searchParams.get('call_id') ? 'gpt-realtime' : null);
      if (!model) return reject(socket, 400, "Missing required parameter: 'model'.", 'missing_required_parameter');
      const beta = /realtime=v1/i.test(String(req.headers['openai-beta'] ?? '')) || protocols.includes('openai-beta.realtime-v1');
      server.handleUpgrade(req, socket, head, (ws) => {
        const session = new FakeRealtimeSession(
          (event) => {
            if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(event));
          },
          options,
          { model, protocol: beta ? 'beta' : 'ga', headers: { ...req.headers } },
        );
        const entry = { socket: ws, session };
        live.add(entry);
        sessions.push(session.record);
        ws.on('message', (data, isBinary) => {
          if (!isBinary) session.receive(data.toString());
        });
        ws.on('close', () => {
          session.close();
          live.delete(entry);
        });
        ws.on('error', () => ws.terminate());
        session.start();
      });
    },
    closeAll() {
      for (const { socket, session } of live) {
        session.close();
        socket.terminate();
      }
      live.clear();
      server.close();
    },
  };
}
