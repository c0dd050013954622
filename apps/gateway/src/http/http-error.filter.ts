import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, type ErrorBody } from '@parley/contracts';
import { DomainException } from '@parley/platform';
import { codeForStatus, errorBody } from './error-body';

const logger = new Logger('HttpErrorFilter');

/** Maps any error to the contract's error body: the one place statuses are decided. */
export function toErrorBody(error: unknown, requestId: string): ErrorBody {
  if (error instanceof DomainException) return errorBody(error.code, error.message, requestId, error.details);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? [response.message].flat().join('; ')
        : error.message;
    return errorBody(codeForStatus(status), message, requestId);
  }
  const status = (error as { statusCode?: number }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Fastify's own errors (malformed JSON, body too large, bad content type).
    const code = status === 413 ? ErrorCode.PayloadTooLarge : codeForStatus(status);
    const message = code === ErrorCode.BadRequest && (error as { code?: string }).code?.startsWith('FST_ERR_CTP')
      ? 'request body is not valid JSON'
      : (error as Error).message;
    return errorBody(code, message, requestId);
  }
  logger.error({ err: error, request_id: requestId }, 'unhandled error');
  return errorBody(ErrorCode.Internal, 'internal error', requestId);
}

export function sendError(reply: FastifyReply, body: ErrorBody): void {
  // A service's own limit (e.g. telephony's dial rate) says when to retry, as the gateway's limiter does.
  const retryAfter = body.status_code === 429 ? body.error.details?.['retry_after_s'] : undefined;
  if (typeof retryAfter === 'number' && !reply.hasHeader('Retry-After')) void reply.header('Retry-After', retryAfter);
  void reply.status(body.status_code).header('content-type', 'application/json; charset=utf-8').send(body);
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    sendError(http.getResponse<FastifyReply>(), toErrorBody(error, String(req.id)));
  }
}
