import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Danish CPR numbers (personnummer) must never be stored: the service has no use for them, and a
 * leaked one is hard to replace. They are DDMMYY-XXXX or DDMMYYXXXX; only a plausible day and
 * month count, so ordinary ten-digit numbers such as order numbers mostly pass. The same pattern
 * guards the database (migration 1764400000000); keep the two alike.
 */
const DAY_MONTH =
  '(?:(?:0[1-9]|[12]\\d|3[01])(?:0[13578]|1[02])|(?:0[1-9]|[12]\\d|30)(?:0[469]|11)|(?:0[1-9]|[12]\\d)02)';
const CPR_NUMBER = new RegExp(`(?<!\\d)${DAY_MONTH}\\d{2}[- ]?\\d{4}(?!\\d)`);

export function containsCprNumber(text: string): boolean {
  return CPR_NUMBER.test(text);
}

/** For a free-text field (a string or a list of strings): refuses a value holding a CPR number. */
export function NoCprNumber(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'noCprNumber',
      validator: {
        validate: (value: unknown) => {
          const texts = Array.isArray(value) ? value : [value];
          return !texts.some((text) => typeof text === 'string' && containsCprNumber(text));
        },
        defaultMessage: () => '$property must not contain a CPR number',
      },
    },
    options,
  );
}
