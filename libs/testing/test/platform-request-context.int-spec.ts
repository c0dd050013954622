import { Controller, Module, type DynamicModule } from '@nestjs/common';
import { Writable } from 'node:stream';
import pino from 'pino';
import { IdentitySubjects, type RequestContext } from '@parley/contracts';
import { isolation, TestBus, testInfra } from '../src';
import {
  baseConfigSpec, bootService, Ctx, Handles, loadConfig, pinoOptions, PlatformModule, RequestContextStorage,
  type BootedService, type PlatformConfig,
} from '@parley/platform';

/** Stands in for identity's `me` handler: answers the context it runs in, and logs a line. */
@Controller()
class EchoContextHandler {
  @Handles(IdentitySubjects.me)
  me(@Ctx() ctx: RequestContext) {
    logger.info('inside the handler');
    return { from_message: ctx.request_id, from_storage: RequestContextStorage.current()?.request_id };
  }
}

const captured: string[] = [];
const sink = new Writable({ write(chunk, _enc, done) { captured.push(String(chunk)); done(); } });
const logger = pino({ ...pinoOptions('identity', 'info', false), transport: undefined }, sink);

@Module({})
class EchoModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return { module: EchoModule, imports: [PlatformModule.forService({ service: 'identity', config })], controllers: [EchoContextHandler] };
  }
}

describe('the request id across a NATS hop', () => {
  const iso = isolation();
  let service: BootedService;
  let bus: TestBus;

  beforeAll(async () => {
    const config = loadConfig(baseConfigSpec('identity'), iso.env('echo'));
    service = await bootService(EchoModule.forRoot(config), config);
    bus = await TestBus.connect(testInfra().NATS_URL, iso.prefix);
  });
  afterAll(async () => {
    await bus.close();
    await service.app.close();
    await iso.cleanup();
  });

  it('reaches the handler, its async context and every log line', async () => {
    const answer = await bus.send(IdentitySubjects.me, {}, { request_id: 'req-hop-42', tenant_id: null });
    expect(answer).toEqual({ from_message: 'req-hop-42', from_storage: 'req-hop-42' });
    const line = captured.map((l) => JSON.parse(l)).find((l) => l.msg === 'inside the handler');
    expect(line).toMatchObject({ service: 'identity', request_id: 'req-hop-42' });
  });

  it('answers SERVICE_UNAVAILABLE when nobody serves the subject', async () => {
    await expect(bus.send(IdentitySubjects.login, { email: 'a@b.co', password: 'x' })).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });
});
