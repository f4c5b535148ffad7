import { isUUID, ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Every item of the list is a UUID, checked in one pass. Replaces `@IsUUID('all', { each: true })`,
 * which builds a validation context per item: several milliseconds more for a list of thousands.
 */
export function hasUuidItems(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) {
    if (typeof item !== 'string' || !isUUID(item, 'all')) return false;
  }
  return true;
}

export function UuidItems(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'uuidItems',
      validator: {
        validate: hasUuidItems,
        defaultMessage: () => 'each value in $property must be a UUID',
      },
    },
    options,
  );
}
