import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Every item of the list differs from the others, checked in one pass with a set. Replaces
 * class-validator's `@ArrayUnique()`, which compares each item with every other one and held
 * the api for seconds on a long list before the size limit refused it.
 */
export function hasUniqueItems(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  return new Set(value).size === value.length;
}

export function UniqueItems(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'uniqueItems',
      validator: {
        validate: hasUniqueItems,
        defaultMessage: () => "All $property's elements must be unique",
      },
    },
    options,
  );
}
