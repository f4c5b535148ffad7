import { isConnectionError } from '@app/database';
import { ErrorCode } from '@app/errors';
import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus, Logger } from '@nestjs/common';
import { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { QueryFailedError } from 'typeorm';

/**
 * Errors that reach here were not expected by a service. A body parser's refusal keeps its 4xx;
 * a lost database connection is a 503 (the pool reconnects by itself); text the database cannot
 * store is a 400; a constraint the database enforced is a 409; the rest is 500.
 */
@Catch()
export class UnexpectedErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('UnexpectedError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const status = (exception as { getStatus?: () => number }).getStatus?.();
    if (status !== undefined) {
      const body = (exception as { getResponse: () => unknown }).getResponse();
      const shaped = typeof body === 'string' ? { statusCode: status, message: body } : body;
      response.status(status).json({ code: codeOfStatus(status), ...(shaped as object) });
      return;
    }
    const client = clientError(exception);
    if (client) {
      response.status(client.status).json({
        statusCode: client.status,
        message: client.message,
        error: STATUS_CODES[client.status],
        code: client.status === 413 ? 'request.too_large' : 'request.shape',
      });
      return;
    }
    if (isConnectionError(exception) || isUnavailable(exception)) {
      response.status(HttpStatus.SERVICE_UNAVAILABLE).json({
        statusCode: 503,
        message: 'A backing service is unavailable; try again shortly',
        error: 'Service Unavailable',
        code: 'server.unavailable',
      });
      return;
    }
    if (exception instanceof QueryFailedError && isUnstorableText(exception)) {
      // The request-shape bound refuses NUL before it gets here; this is the last line.
      response.status(HttpStatus.BAD_REQUEST).json({
        statusCode: 400,
        message: 'The request contains characters that cannot be stored (such as NUL)',
        error: 'Bad Request',
        code: 'request.nul_character',
      });
      return;
    }
    if (exception instanceof QueryFailedError && isConstraintViolation(exception)) {
      response.status(HttpStatus.CONFLICT).json({
        statusCode: 409,
        message: 'The change conflicts with the current state',
        error: 'Conflict',
        code: 'conflict',
      });
      return;
    }
    this.logger.error(exception);
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
      statusCode: 500,
      message: 'Internal server error',
      error: 'Internal Server Error',
      code: 'server.error',
    });
  }
}

/**
 * Nest's own exceptions (the guards, the throttler, a route not found) by status; an exception
 * that names its code in its body (the validation pipe's) keeps it.
 */
function codeOfStatus(status: number): ErrorCode {
  const byStatus: Partial<Record<number, ErrorCode>> = {
    400: 'invalid',
    401: 'auth.sign_in_required',
    403: 'auth.role_forbidden',
    404: 'not_found',
    409: 'conflict',
    413: 'request.too_large',
    429: 'auth.too_many_attempts',
  };
  return byStatus[status] ?? (status >= 500 ? 'server.error' : 'invalid');
}

/**
 * Errors of Express's body parsers (a body over the size limit, an unsupported charset) carry
 * their own 4xx status and a message meant for the client (`expose`).
 */
function clientError(error: unknown): { status: number; message: string } | undefined {
  const { status, expose, message } = (error ?? {}) as {
    status?: unknown;
    expose?: unknown;
    message?: unknown;
  };
  if (typeof status !== 'number' || status < 400 || status > 499 || expose !== true)
    return undefined;
  return { status, message: typeof message === 'string' ? message : 'Bad request' };
}

function isConstraintViolation(error: QueryFailedError): boolean {
  const code = (error.driverError as { code?: string }).code ?? '';
  return code.startsWith('23'); // integrity_constraint_violation class
}

/** character_not_in_repertoire (a NUL in text) and untranslatable_character. */
function isUnstorableText(error: QueryFailedError): boolean {
  const code = (error.driverError as { code?: string }).code;
  return code === '22021' || code === '22P05';
}

function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: string; driverError?: { code?: string } })?.driverError?.code;
  return code === '57P01' || code === '57P03' || code === '08006' || code === '08003';
}
