import { Type, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';

/** Unknown fields are refused, not dropped, so a client learns at once that it sent too much. */
export const VALIDATION_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  stopAtFirstError: false,
};

const pipe = new ValidationPipe(VALIDATION_OPTIONS);

/**
 * For routes whose body rules depend on the caller's role (a student may not send `fullName`,
 * a reviewer may not send `organisationId`): validates against the DTO chosen for that role,
 * with the same options and error shape as the global pipe.
 */
export function validateBody<T>(dto: Type<T>, body: unknown): Promise<T> {
  return pipe.transform(body ?? {}, { type: 'body', metatype: dto }) as Promise<T>;
}
