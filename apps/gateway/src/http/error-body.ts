import { ERROR_STATUS, ErrorCode, type ErrorBody } from '@parley/contracts';

const CODE_BY_STATUS: Record<number, ErrorCode> = Object.fromEntries(
  Object.entries(ERROR_STATUS).map(([code, status]) => [status, code as ErrorCode]),
);

/** The code for a bare HTTP status (framework errors that carry no domain code). */
export function codeForStatus(status: number): ErrorCode {
  if (status === 400) return ErrorCode.BadRequest;
  if (status === 405) return ErrorCode.NotFound;
  return CODE_BY_STATUS[status] ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.BadRequest);
}

export function errorBody(
  code: ErrorCode,
  message: string,
  requestId: string,
  details?: Record<string, unknown>,
): ErrorBody {
  return {
    error: { code, message, ...(details ? { details } : {}) },
    status_code: ERROR_STATUS[code],
    request_id: requestId,
    timestamp: new Date().toISOString(),
  };
}
