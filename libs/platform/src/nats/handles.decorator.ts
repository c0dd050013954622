import {
  applyDecorators, Catch, Logger, createParamDecorator, Injectable, SetMetadata, UseFilters, UseInterceptors,
  type CallHandler, type ExecutionContext, type NestInterceptor, type RpcExceptionFilter,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { MessagePattern } from '@nestjs/microservices';
import { performance } from 'node:perf_hooks';
import { Observable, throwError } from 'rxjs';
import type { Envelope, RequestContext, Subject } from '@parley/contracts';
import { RequestContextStorage } from '../context/request-context';
import { DomainException, toRpcError } from '../errors/domain.exception';
import { validateDto } from '../errors/validation';

const PAYLOAD_CLASS = Symbol('PAYLOAD_CLASS');
const HANDLED_SUBJECT = Symbol('HANDLED_SUBJECT');
type Constructor = new (...args: any[]) => object;

/** Turns any thrown error into the typed error the gateway maps; internal ones are logged. */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcErrorFilter');

  catch(error: unknown) {
    if (!(error instanceof DomainException)) this.logger.error({ err: error }, 'unhandled error in handler');
    return throwError(() => toRpcError(error));
  }
}

/** Runs the handler inside its request context and validates the payload with its class. */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Rpc');

  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const envelope = context.switchToRpc().getData<Envelope<unknown>>();
    const payloadClass = this.reflector.get<Constructor | undefined>(PAYLOAD_CLASS, context.getHandler());
    const subject = this.reflector.get<string | undefined>(HANDLED_SUBJECT, context.getHandler());
    const started = performance.now();
    const done = (outcome: string) =>
      this.logger.log({ subject, outcome, duration_ms: Number((performance.now() - started).toFixed(2)) }, 'request handled');
    return new Observable((subscriber) =>
      RequestContextStorage.run(envelope.ctx, () => {
        const run = async () => {
          if (payloadClass) envelope.data = await validateDto(payloadClass, envelope.data);
        };
        run()
          .then(() =>
            next.handle().subscribe({
              next: (value) => subscriber.next(value),
              error: (error: unknown) => {
                done(error instanceof DomainException ? error.code : 'INTERNAL');
                subscriber.error(error);
              },
              complete: () => {
                done('ok');
                subscriber.complete();
              },
            }),
          )
          .catch((error: unknown) => {
            done(error instanceof DomainException ? error.code : 'INTERNAL');
            subscriber.error(error);
          });
      }),
    );
  }
}

/**
 * Marks a NATS request handler: the subject from contracts, and the class its payload is
 * validated against (services validate too: a request may come from anywhere on the bus).
 */
export function Handles(subject: Subject, payloadClass?: Constructor) {
  return applyDecorators(
    MessagePattern(subject),
    SetMetadata(PAYLOAD_CLASS, payloadClass),
    SetMetadata(HANDLED_SUBJECT, subject),
    UseInterceptors(EnvelopeInterceptor),
    UseFilters(RpcErrorFilter),
  );
}

/** The validated `data` of the envelope. */
export const Data = createParamDecorator((_: unknown, context: ExecutionContext) =>
  context.switchToRpc().getData<Envelope<unknown>>().data,
);

/** The request context (tenant, user, permissions, request id) of the envelope. */
export const Ctx = createParamDecorator(
  (_: unknown, context: ExecutionContext): RequestContext => context.switchToRpc().getData<Envelope<unknown>>().ctx,
);
