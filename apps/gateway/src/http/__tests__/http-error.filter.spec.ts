import { ForbiddenException as NestForbidden, NotFoundException as NestNotFound } from '@nestjs/common';
import { ERROR_STATUS, ErrorCode } from '@parley/contracts';
import type { FastifyReply } from 'fastify';
import { DomainException, RateLimitedException, ServiceUnavailableException, ValidationException } from '@parley/platform';
import { sendError, toErrorBody } from '../http-error.filter';

describe('error mapping to the contract format', () => {
  it('maps every domain code to its status, exhaustively', () => {
    for (const code of Object.values(ErrorCode)) {
      const body = toErrorBody(new DomainException(code, 'm'), 'rid');
      expect(body.status_code).toBe(ERROR_STATUS[code]);
      expect(body.error.code).toBe(code);
    }
    expect(ERROR_STATUS[ErrorCode.ValidationFailed]).toBe(422);
    expect(ERROR_STATUS[ErrorCode.ServiceUnavailable]).toBe(503);
  });

  it('carries details, request id and timestamp', () => {
    const body = toErrorBody(new ValidationException('email must be an email', { fields: { email: ['x'] } }), 'req-1');
    expect(body).toMatchObject({
      error: { code: 'VALIDATION_FAILED', message: 'email must be an email', details: { fields: { email: ['x'] } } },
      status_code: 422,
      request_id: 'req-1',
    });
    expect(Date.parse(body.timestamp)).not.toBeNaN();
    expect(toErrorBody(new ServiceUnavailableException('identity service did not answer'), 'r').status_code).toBe(503);
  });

  it("sends a service's 429 with Retry-After from its retry_after_s", () => {
    const headers: Record<string, unknown> = {};
    const reply = {
      hasHeader: (name: string) => name in headers,
      header(name: string, value: unknown) { headers[name] = value; return this; },
      status() { return this; },
      send() { return this; },
    };
    const body = toErrorBody(new RateLimitedException('at most 60 outbound calls a minute', 12.2, { limit: 60 }), 'r');
    expect(body).toMatchObject({ status_code: 429, error: { code: 'RATE_LIMITED', details: { limit: 60, retry_after_s: 13 } } });
    sendError(reply as unknown as FastifyReply, body);
    expect(headers['Retry-After']).toBe(13);
  });

  it('maps framework errors: unknown route, forbidden, malformed JSON, body too large, unsupported content type', () => {
    expect(toErrorBody(new NestNotFound('Cannot GET /x'), 'r').error.code).toBe('NOT_FOUND');
    expect(toErrorBody(new NestForbidden(), 'r').error.code).toBe('FORBIDDEN');
    const badJson = Object.assign(new Error('Unexpected token'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' });
    expect(toErrorBody(badJson, 'r')).toMatchObject({ status_code: 400, error: { code: 'BAD_REQUEST', message: 'request body is not valid JSON' } });
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
    expect(toErrorBody(tooLarge, 'r')).toMatchObject({ status_code: 413, error: { code: 'PAYLOAD_TOO_LARGE' } });
    const badType = Object.assign(new Error('Unsupported Media Type: text/csv'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });
    expect(toErrorBody(badType, 'r')).toMatchObject({ status_code: 415, error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('never leaks an internal error message', () => {
    const body = toErrorBody(new TypeError('cannot read properties of undefined (reading "password_hash")'), 'r');
    expect(body).toMatchObject({ status_code: 500, error: { code: 'INTERNAL', message: 'internal error' } });
  });
});
