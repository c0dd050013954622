import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { TWILIO_MEDIA_STREAM_PATH } from '@parley/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';

type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * Twilio's Media Streams WebSocket reaches telephony through the gateway's public address: the
 * upgrade request is passed to telephony (TELEPHONY_MEDIA_URL), which checks its signature, and
 * once it switches protocols the two sockets are piped byte for byte — the gateway never parses a
 * frame. Behind an ingress the media path can skip the gateway and go to telephony directly.
 * Every other upgrade (Socket.IO) is dispatched as before.
 */
@Injectable()
export class MediaStreamProxy implements OnApplicationBootstrap {
  private readonly logger = new Logger(MediaStreamProxy.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.TELEPHONY_MEDIA_URL) return;
    const upstream = new URL(this.config.TELEPHONY_MEDIA_URL);
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    // Socket.IO ends any upgrade it does not own after a second without a byte written; ours may
    // take longer to be answered, so media upgrades never reach it.
    const others = server.listeners('upgrade') as UpgradeListener[];
    server.removeAllListeners('upgrade');
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (isMediaStreamRequest(req.url)) return this.pipe(upstream, req, socket, head);
      for (const listener of others) listener.call(server, req, socket, head);
    });
  }

  private pipe(upstream: URL, req: IncomingMessage, client: Duplex, head: Buffer): void {
    client.on('error', () => client.destroy());
    const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    const proxied = httpRequest({
      host: upstream.hostname,
      port: upstream.port || 80,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, 'x-forwarded-for': forwardedFor },
      agent: false,
    });
    proxied.on('upgrade', (res: IncomingMessage, telephony: Socket, telephonyHead: Buffer) => {
      (client as Socket).setNoDelay?.(true);
      telephony.setNoDelay(true);
      client.write(responseHead(res));
      if (telephonyHead.length) client.write(telephonyHead);
      telephony.on('error', () => client.destroy());
      client.on('close', () => telephony.destroy());
      telephony.on('close', () => client.destroy());
      telephony.pipe(client).pipe(telephony);
    });
    // Refused (403, 404) or not a WebSocket endpoint: the answer goes back as it is.
    proxied.on('response', (res: IncomingMessage) => {
      client.write(responseHead(res));
      res.pipe(client);
    });
    proxied.on('error', (error) => {
      this.logger.warn({ err: error }, 'telephony did not take a Media Stream');
      if (client.writable) client.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    });
    if (head.length) proxied.write(head);
    proxied.end();
  }
}

export function isMediaStreamRequest(url: string | undefined): boolean {
  return !!url && url.startsWith(`${TWILIO_MEDIA_STREAM_PATH}/`);
}

function responseHead(res: IncomingMessage): string {
  const lines = [`HTTP/1.1 ${res.statusCode} ${res.statusMessage ?? ''}`];
  for (let i = 0; i < res.rawHeaders.length; i += 2) lines.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}
