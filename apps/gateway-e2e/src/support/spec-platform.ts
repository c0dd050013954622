import type { Socket } from 'socket.io-client';
import { isolation, startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions, type Isolation } from '@parley/testing';
import { Api } from './api';
import { E2E_OPENAI_KEY, startPlatform, type PlatformOptions } from './platform';
import { connectSocket } from './socket-client';

export type Platform = Awaited<ReturnType<typeof startPlatform>>;

export interface OwnPlatformOptions extends Omit<PlatformOptions, 'openai'> {
  /**
   * Start a fake OpenAI (accepting only the platform's key) and make it voice-ai's platform-wide
   * OpenAI, so agents on the openai provider work; the spec reaches it as `openai`.
   */
  openai?: boolean | Omit<FakeOpenAIOptions, 'apiKey'>;
}

/**
 * A platform of the calling spec's own (so the spec holds its own fake Twilio, and a fake OpenAI when
 * asked), booted before its tests and closed after them, with the sockets it opened. Call it at the
 * top of a describe block.
 */
export function useOwnPlatform(options: OwnPlatformOptions = {}): {
  readonly platform: Platform;
  readonly api: Api;
  readonly openai: FakeOpenAI;
  open(token: string): Promise<Socket>;
} {
  let iso: Isolation | undefined;
  let platform: Platform | undefined;
  let api: Api | undefined;
  let openai: FakeOpenAI | undefined;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    iso = isolation();
    const { openai: wantsOpenAI, ...platformOptions } = options;
    if (wantsOpenAI) openai = await startFakeOpenAI({ ...(typeof wantsOpenAI === 'object' ? wantsOpenAI : {}), apiKey: E2E_OPENAI_KEY });
    platform = await startPlatform(iso, { ...platformOptions, openai });
    api = new Api(platform.baseUrl);
  }, 60_000);
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await platform?.close();
    await openai?.close();
    await iso?.cleanup();
  });
  const booted = <T>(value: T | undefined, what = 'the spec platform'): T => {
    if (value === undefined) throw new Error(`${what} is used before beforeAll booted it (or was not asked for)`);
    return value;
  };
  return {
    get platform() { return booted(platform); },
    get api() { return booted(api); },
    get openai() { return booted(openai, 'the fake OpenAI'); },
    async open(token) {
      const socket = await connectSocket(booted(api).baseUrl, token);
      sockets.push(socket);
      return socket;
    },
  };
}
