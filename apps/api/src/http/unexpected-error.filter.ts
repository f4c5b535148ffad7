import { isConnectionError } from '@app/database';
import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus, Logger } from '@nestjs/common';
import { Response } from 'express';
import { QueryFailedError } from 'typeorm';

/**
 * Errors that reach here were not expected by a service. A lost database connection is a 503
 * (the pool reconnects by itself); a constraint the database enforced is a 409; the rest is 500.
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

function isConstraintViolation(error: QueryFailedError): boolean {
  const code = (error.driverError as { code?: string }).code ?? '';
  return code.startsWith('23'); // integrity_constraint_violation class
}

function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: string; driverError?: { code?: string } })?.driverError?.code;
  return code === '57P01' || code === '57P03' || code === '08006' || code === '08003';
}
