import { io, type Socket } from 'socket.io-client';

/** Connects a Socket.IO client over websocket and waits for the handshake to finish. */
export async function connectSocket(baseUrl: string, token: string): Promise<Socket> {
  const socket = io(baseUrl, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return socket;
}

/** Resolves with the next `event` payload, or rejects after `ms`. */
export function nextEvent<T = any>(socket: Socket, event: string, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/** Collects every `event` payload received during `ms`. */
export async function collectEvents<T = any>(socket: Socket, event: string, ms: number): Promise<T[]> {
  const seen: T[] = [];
  const listener = (payload: T) => seen.push(payload);
  socket.on(event, listener);
  await new Promise((r) => setTimeout(r, ms));
  socket.off(event, listener);
  return seen;
}
