import { validationCode } from '@app/errors';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { RowReport } from './csv-table';

/**
 * Checks a row against the same DTO the JSON route uses, so an import and a single create obey
 * one set of rules. `columnOf` names the CSV column of each DTO property in the report.
 */
export function validateRow<T extends object>(
  dto: ClassConstructor<T>,
  plain: Record<string, unknown>,
  row: number,
  report: RowReport,
  columnOf: Partial<Record<string, string>> = {},
  /** Properties whose problem the caller has already reported (e.g. an unresolvable code). */
  alreadyReported: readonly string[] = [],
): T | undefined {
  const value = plainToInstance(dto, plain);
  const errors = validateSync(value, { whitelist: true, forbidNonWhitelisted: true });
  for (const error of flatten(errors)) {
    if (alreadyReported.includes(error.property)) continue;
    const field = columnOf[error.property] ?? error.property;
    for (const [rule, message] of Object.entries(error.constraints ?? {})) {
      report.add(row, field, {
        code: validationCode(rule),
        message: message.replace(error.property, field),
      });
    }
  }
  return errors.length === 0 && alreadyReported.length === 0 ? value : undefined;
}

function flatten(errors: ValidationError[]): ValidationError[] {
  return errors.flatMap((error) => [error, ...flatten(error.children ?? [])]);
}
