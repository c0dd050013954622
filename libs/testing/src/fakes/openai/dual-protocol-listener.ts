import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { createServer, type Server, type Socket } from 'node:net';

/**
 * One port for plain HTTP and TLS: the first byte of a connection tells them apart (0x16 opens a
 * TLS handshake), so `http://host:port/v1` and `wss://host:port/v1/realtime` — where the SDK's
 * Realtime client always goes — reach the same fake.
 */
export class DualProtocolListener {
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;

  constructor(plain: HttpServer, secure: HttpsServer) {
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      socket.once('data', (first: Buffer) => {
        socket.pause();
        socket.unshift(first);
        (first[0] === 0x16 ? secure : plain).emit('connection', socket);
        process.nextTick(() => socket.resume());
      });
    });
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve((this.server.address() as { port: number }).port));
    });
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}
