import { isConnectionError } from '@app/database';
import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus, Logger } from '@nestjs/common';
import { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { QueryFailedError } from 'typeorm';

/**
 * Errors that reach here were not expected by a service. A body parser's refusal keeps its 4xx;
 * a lost database connection is a 503 (the pool reconnects by itself); a constraint the
 * database enforced is a 409; the rest is 500.
 */
@Catch()
export class UnexpectedErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('UnexpectedError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const status = (exception as { getStatus?: () => number }).getStatus?.();
    if (status !== undefined) {
      const body = (exception as { getResponse: () => unknown }).getResponse();
      response
        .status(status)
        .json(typeof body === 'string' ? { statusCode: status, message: body } : body);
      return;
    }
    const client = clientError(exception);
    if (client) {
      response.status(client.status).json({
        statusCode: client.status,
        message: client.message,
        error: STATUS_CODES[client.status],
      });
      return;
    }
    if (isConnectionError(exception) || isUnavailable(exception)) {
      response.status(HttpStatus.SERVICE_UNAVAILABLE).json({
        statusCode: 503,
        message: 'A backing service is unavailable; try again shortly',
        error: 'Service Unavailable',
      });
      return;
    }
    if (exception instanceof QueryFailedError && isConstraintViolation(exception)) {
      response.status(HttpStatus.CONFLICT).json({
        statusCode: 409,
        message: 'The change conflicts with the current state',
        error: 'Conflict',
      });
      return;
    }
    this.logger.error(exception);
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
      statusCode: 500,
      message: 'Internal server error',
      error: 'Internal Server Error',
    });
  }
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

function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: string; driverError?: { code?: string } })?.driverError?.code;
  return code === '57P01' || code === '57P03' || code === '08006' || code === '08003';
}
