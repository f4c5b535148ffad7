import { ErrorCode, ErrorParams } from './error-codes';

/**
 * What went wrong, in the terms every delivery mechanism understands. Services throw subclasses;
 * the api maps `kind` to a status code in one place, the worker and the CLI log them.
 */
export type DomainErrorKind =
  'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict';

export interface DomainErrorOptions {
  /** Stable, for clients to word; the kind's own code when nothing more specific fits. */
  code?: ErrorCode;
  /** The input field at fault, as the request names it. */
  field?: string;
  /** Values the client's text may show. */
  params?: ErrorParams;
  /** Machine-readable details a client can show, e.g. the offending fields or CSV rows. */
  details?: unknown;
}

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  private readonly options: DomainErrorOptions;

  constructor(message: string, options: DomainErrorOptions = {}) {
    super(message);
    this.name = new.target.name;
    this.options = options;
  }

  get code(): ErrorCode {
    return this.options.code ?? this.kind;
  }

  get field(): string | undefined {
    return this.options.field;
  }

  get params(): ErrorParams | undefined {
    return this.options.params;
  }

  get details(): unknown {
    return this.options.details;
  }
}

/** Input that breaks a rule the DTO could not express (e.g. a CSV row). */
export class InvalidInputError extends DomainError {
  readonly kind = 'invalid';
}

export class UnauthenticatedError extends DomainError {
  readonly kind = 'unauthenticated';
}

/** The caller's role may never do this. */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}

/** Does not exist, or the caller may not know that it exists. */
export class NotFoundError extends DomainError {
  readonly kind = 'not_found';

  constructor(what: string, id?: string) {
    super(id ? `${what} ${id} not found` : `${what} not found`);
  }
}

/** Conflicts with the current state: round not open, capacity reached, already answered. */
export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}
