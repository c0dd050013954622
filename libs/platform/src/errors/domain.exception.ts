import { ErrorCode, type RpcErrorPayload } from '@parley/contracts';

/** Services throw these; the code decides the HTTP status at the gateway, in one table. */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }

  toPayload(): RpcErrorPayload {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

export class NotFoundException extends DomainException {
  constructor(resource: string, id?: string) {
    super(ErrorCode.NotFound, id ? `${resource} ${id} not found` : `${resource} not found`);
  }
}

export class ConflictException extends DomainException {
  constructor(message: string, details?: Record<string, unknown>) {
    super(ErrorCode.Conflict, message, details);
  }
}

export class ValidationException extends DomainException {
  constructor(message: string, details?: Record<string, unknown>) {
    super(ErrorCode.ValidationFailed, message, details);
  }
}

export class UnauthorizedException extends DomainException {
  constructor(message = 'authentication required', details?: Record<string, unknown>) {
    super(ErrorCode.Unauthorized, message, details);
  }
}

export class ForbiddenException extends DomainException {
  constructor(message = 'not allowed', details?: Record<string, unknown>) {
    super(ErrorCode.Forbidden, message, details);
  }
}

export class ServiceUnavailableException extends DomainException {
  constructor(message: string, details?: Record<string, unknown>) {
    super(ErrorCode.ServiceUnavailable, message, details);
  }
}

/** Too many of something in a window; `retry_after_s` tells the caller when to try again (the gateway sends it as Retry-After). */
export class RateLimitedException extends DomainException {
  constructor(message: string, retryAfterS: number, details?: Record<string, unknown>) {
    super(ErrorCode.RateLimited, message, { ...details, retry_after_s: Math.max(1, Math.ceil(retryAfterS)) });
  }
}

/** Anything that is not a DomainException is an internal error: the message stays in the log. */
export function toRpcError(error: unknown): RpcErrorPayload {
  if (error instanceof DomainException) return error.toPayload();
  return { code: ErrorCode.Internal, message: 'internal error' };
}
