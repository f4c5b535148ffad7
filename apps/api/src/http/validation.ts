import {
  ArgumentMetadata,
  BadRequestException,
  Type,
  ValidationPipe,
  ValidationPipeOptions,
} from '@nestjs/common';
import { validationCode } from '@app/errors';
import { getMetadataStorage, ValidationError } from 'class-validator';

/** One broken rule of a body: the field (dotted for nested ones) and `validation.<rule>`. */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/** Every broken rule, nested ones under their dotted path (`guardian.email`). */
export function fieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    // As Nest words them: a nested field's message starts with its parent's path.
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      code: validationCode(rule),
      message: prefix ? `${prefix}.${message}` : message,
    }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

/**
 * A 400 in Nest's shape (`message` lists the English texts, as before) with a code per field,
 * which clients word in the reader's language.
 */
function validationFailed(problems: FieldProblem[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    code: 'validation.failed',
    message: problems.map((problem) => problem.message),
    errors: problems,
  });
}

/** Unknown fields are refused, not dropped, so a client learns at once that it sent too much. */
export const VALIDATION_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  stopAtFirstError: false,
  exceptionFactory: (errors) => validationFailed(fieldProblems(errors)),
};

/**
 * The DTO's own list limits (`@ArrayMaxSize`), checked before class-transformer and
 * class-validator touch the items: they work per item, so 5,000 items where a DTO allows 3 would
 * cost thousands of checks before the limit refused them. One look per list field.
 */
function listOverLimit(dto: Type<unknown>, value: unknown): FieldProblem | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  for (const metadata of metadatas) {
    if (metadata.name !== 'arrayMaxSize') continue;
    const list = (value as Record<string, unknown>)[metadata.propertyName];
    const max = Number(metadata.constraints[0]);
    if (Array.isArray(list) && list.length > max) {
      return {
        field: metadata.propertyName,
        code: validationCode('arrayMaxSize'),
        message: `${metadata.propertyName} must contain no more than ${max} elements`,
      };
    }
  }
  return undefined;
}

/** Nest's ValidationPipe, after the DTO's list limits. */
export class BoundedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const problem = metadata.metatype ? listOverLimit(metadata.metatype, value) : undefined;
    if (problem) throw validationFailed([problem]);
    return super.transform(value, metadata);
  }
}

const pipe = new BoundedValidationPipe(VALIDATION_OPTIONS);

/**
 * For routes whose body rules depend on the caller's role (a student may not send `fullName`,
 * a reviewer may not send `organisationId`): validates against the DTO chosen for that role,
 * with the same options and error shape as the global pipe.
 */
export function validateBody<T>(dto: Type<T>, body: unknown): Promise<T> {
  return pipe.transform(body ?? {}, { type: 'body', metatype: dto }) as Promise<T>;
}
