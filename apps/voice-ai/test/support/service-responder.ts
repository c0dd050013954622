import { connect, JSONCodec, type NatsConnection } from 'nats';
import { ErrorCode, type Envelope, type RequestContext, type RequestOf, type ResponseOf, type RpcErrorPayload, type Subject } from '@parley/contracts';

const codec = JSONCodec<unknown>();

/** Thrown by a responder's handler: travels back as the typed error the real service would answer. */
export class ResponderError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
  }
}

export type ResponderHandler<S extends Subject> = (data: RequestOf<S>, ctx: RequestContext) => ResponseOf<S> | Promise<ResponseOf<S>>;
export type ResponderHandlers = { [S in Subject]?: ResponderHandler<S> };

/** One request a responder answered, with the tenant it was asked for. */
export interface ReceivedRequest {
  subject: Subject;
  tenant_id: string | null;
  data: Record<string, unknown>;
}

export interface ServiceResponder {
  received: ReceivedRequest[];
  /** Requests of one subject (optionally of one tenant), oldest first. */
  of<S extends Subject>(subject: S, tenantId?: string): Array<RequestOf<S>>;
  close(): Promise<void>;
}

/**
 * Plays another service's side of some subjects on the test's prefix, in Nest's NATS packet
 * format (as apps/telephony/test/support/compliance-responder.ts does), so voice-ai is tested alone.
 */
export async function startServiceResponder(natsUrl: string, prefix: string, queue: string, handlers: ResponderHandlers): Promise<ServiceResponder> {
  const nc: NatsConnection = await connect({ servers: natsUrl });
  const received: ReceivedRequest[] = [];
  for (const [subject, handler] of Object.entries(handlers) as Array<[Subject, ResponderHandler<Subject>]>) {
    const subscription = nc.subscribe(`${prefix}${subject}`, { queue });
    void (async () => {
      for await (const msg of subscription) {
        const packet = codec.decode(msg.data) as { id: string; data: Envelope<RequestOf<Subject>> };
        const { ctx, data } = packet.data;
        received.push({ subject, tenant_id: ctx.tenant_id, data: data as Record<string, unknown> });
        try {
          const response = await handler(data, ctx);
          msg.respond(codec.encode({ id: packet.id, response, isDisposed: true }));
        } catch (error) {
          const err: RpcErrorPayload = error instanceof ResponderError
            ? { code: error.code, message: error.message }
            : { code: ErrorCode.Internal, message: 'internal error' };
          msg.respond(codec.encode({ id: packet.id, err, isDisposed: true }));
        }
      }
    })();
  }
  await nc.flush();
  return {
    received,
    of<S extends Subject>(subject: S, tenantId?: string) {
      return received
        .filter((r) => r.subject === subject && (tenantId === undefined || r.tenant_id === tenantId))
        .map((r) => r.data as RequestOf<S>);
    },
    async close() {
      await nc.drain();
    },
  };
}
