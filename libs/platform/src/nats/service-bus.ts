import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { headers as natsHeaders, JSONCodec, type NatsError } from 'nats';
import {
  ErrorCode, isRpcErrorPayload, type RequestContext, type RequestOf, type ResponseOf, type Subject,
} from '@parley/contracts';
import { PLATFORM_CONFIG, type PlatformConfig } from '../config/service-config';
import { DomainException, ServiceUnavailableException } from '../errors/domain.exception';
import { NatsConnectionHolder } from './nats-connection';

const codec = JSONCodec<unknown>();

/** Nest's NATS packet format, so Nest's ServerNats answers our requests. */
interface NestReply { id: string; response?: unknown; err?: unknown; isDisposed?: boolean }

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * The only way code sends a request over NATS: typed by subject, always with a timeout,
 * the request context (tenant, user, request id) in every message.
 */
@Injectable()
export class ServiceBus {
  constructor(
    private readonly holder: NatsConnectionHolder,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async send<S extends Subject>(
    subject: S,
    data: RequestOf<S>,
    ctx: RequestContext,
    timeoutMs = this.config.REQUEST_TIMEOUT_MS,
  ): Promise<ResponseOf<S>> {
    const service = subject.split('.')[0];
    const hdrs = natsHeaders();
    hdrs.set(REQUEST_ID_HEADER, ctx.request_id);
    let reply: NestReply;
    try {
      const msg = await this.holder.nc.request(
        `${this.config.NATS_SUBJECT_PREFIX}${subject}`,
        codec.encode({ pattern: subject, data: { ctx, data }, id: randomUUID() }),
        { timeout: timeoutMs, headers: hdrs },
      );
      reply = codec.decode(msg.data) as NestReply;
    } catch (error) {
      const code = (error as NatsError).code;
      // No responders (service down) and timeouts are both "the service did not answer".
      throw new ServiceUnavailableException(`${service} service did not answer`, { service, reason: code ?? 'error' });
    }
    if (reply.err !== undefined && reply.err !== null) {
      if (isRpcErrorPayload(reply.err)) throw new DomainException(reply.err.code, reply.err.message, reply.err.details);
      throw new DomainException(ErrorCode.Internal, 'internal error');
    }
    return reply.response as ResponseOf<S>;
  }
}
