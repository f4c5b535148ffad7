import { DomainError, DomainErrorKind, InvalidRowsError } from '@app/errors';
import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import { Response } from 'express';

const STATUS: Record<DomainErrorKind, { status: number; error: string }> = {
  invalid: { status: HttpStatus.BAD_REQUEST, error: 'Bad Request' },
  unauthenticated: { status: HttpStatus.UNAUTHORIZED, error: 'Unauthorized' },
  forbidden: { status: HttpStatus.FORBIDDEN, error: 'Forbidden' },
  not_found: { status: HttpStatus.NOT_FOUND, error: 'Not Found' },
  conflict: { status: HttpStatus.CONFLICT, error: 'Conflict' },
};

/** The one place where domain errors become HTTP status codes, in Nest's error shape. */
@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter {
  catch(exception: DomainError, host: ArgumentsHost): void {
    const { status, error } = STATUS[exception.kind];
    const body: Record<string, unknown> = {
      statusCode: status,
      message: exception.message,
      error,
      code: exception.code,
    };
    if (exception.field !== undefined) body.field = exception.field;
    if (exception.params !== undefined) body.params = exception.params;
    if (exception.details !== undefined) body.details = exception.details;
    // The contract promises a CSV upload's problems as `errors: [{ line, row, field, code, message }]`.
    if (exception instanceof InvalidRowsError) body.errors = exception.errors;
    host.switchToHttp().getResponse<Response>().status(status).json(body);
  }
}
