import type { Socket } from 'socket.io-client';
import { isolation, type Isolation } from '@parley/testing';
import { Api } from './api';
import { startPlatform } from './platform';
import { connectSocket } from './socket-client';

export type Platform = Awaited<ReturnType<typeof startPlatform>>;

/**
 * A platform of the calling spec's own (so the spec holds its own fake Twilio), booted before its
 * tests and closed after them, with the sockets it opened. Call it at the top of a describe block.
 */
export function useOwnPlatform(): { readonly platform: Platform; readonly api: Api; open(token: string): Promise<Socket> } {
  let iso: Isolation | undefined;
  let platform: Platform | undefined;
  let api: Api | undefined;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    iso = isolation();
    platform = await startPlatform(iso);
    api = new Api(platform.baseUrl);
  }, 60_000);
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await platform?.close();
    await iso?.cleanup();
  });
  const booted = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the spec platform is used before beforeAll booted it');
    return value;
  };
  return {
    get platform() { return booted(platform); },
    get api() { return booted(api); },
    async open(token) {
      const socket = await connectSocket(booted(api).baseUrl, token);
      sockets.push(socket);
      return socket;
    },
  };
}
