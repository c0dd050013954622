import { createHash } from 'node:crypto';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { catchError, from, Observable, of, switchMap, throwError } from 'rxjs';
import { ConflictException, ValidationException } from '@parley/platform';
import type { AuthedRequest } from '../http/request-context.decorator';
import { IdempotencyStore } from './idempotency.store';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * What "the same parameters" means for a key. A multipart body (an upload) is still unread
 * here and is streamed by its route, so it is known by its size; its boundary changes per retry.
 */
export function requestFingerprint(req: Pick<AuthedRequest, 'method' | 'url' | 'headers' | 'body'>): string {
  const contentType = String(req.headers['content-type'] ?? '');
  const body = contentType.startsWith('multipart/form-data')
    ? `multipart ${req.headers['content-length'] ?? 'chunked'}`
    : JSON.stringify(req.body ?? null);
  return createHash('sha256').update(`${req.method} ${req.url}\n${body}`).digest('hex');
}

/**
 * `Idempotency-Key` on mutating routes: the first answer is stored and a repeat gets it back
 * without running twice; the same key with other parameters is refused, as Stripe does.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(IdempotencyStore) private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const raw = req.headers[IDEMPOTENCY_HEADER];
    const idempotencyKey = Array.isArray(raw) ? raw[0] : raw;
    if (!idempotencyKey || !MUTATING.has(req.method)) return next.handle();
    if (idempotencyKey.length > 255) throw new ValidationException('Idempotency-Key must be at most 255 characters');

    const reply = context.switchToHttp().getResponse<FastifyReply>();
    // Nest applies the route's status after interceptors, so read it from the route's metadata.
    const status =
      (Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined) ?? (req.method === 'POST' ? 201 : 200);
    const key = IdempotencyStore.key(req.user?.sub ?? req.ip, idempotencyKey);
    const fingerprint = requestFingerprint(req);

    return from(this.store.claim(key, fingerprint)).pipe(
      switchMap((existing) => {
        if (existing) {
          if (existing.fingerprint !== fingerprint) {
            throw new ValidationException('Idempotency-Key was already used with different parameters');
          }
          if (existing.state === 'pending') throw new ConflictException('a request with this Idempotency-Key is in progress');
          void reply.header('Idempotent-Replayed', 'true');
          return of(existing.body);
        }
        return next.handle().pipe(
          switchMap((body: unknown) =>
            from(this.store.complete(key, { state: 'done', fingerprint, status, body })).pipe(
              switchMap(() => of(body)),
            ),
          ),
          // A failed request may be retried with the same key.
          catchError((error: unknown) => from(this.store.release(key)).pipe(switchMap(() => throwError(() => error)))),
        );
      }),
    );
  }
}

