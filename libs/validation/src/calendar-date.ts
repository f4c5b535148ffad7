import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Calendar dates travel as ISO strings (YYYY-MM-DD), never as Date objects, so no time zone can
 * move a birthday or the first day of a slot.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  if (year < 1900 || year > 2100) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isCalendarDate(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a date YYYY-MM-DD between 1900 and 2100`,
        ),
      },
    },
    options,
  );
}

/**
 * A date that has passed (a birth date): today or later is refused, so a typo such as 2030
 * does not make a student of an unborn child. "Today" is Copenhagen's.
 */
export function IsPastDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPastDate',
      validator: {
        validate: (value) => !isCalendarDate(value) || value < copenhagenToday(),
        defaultMessage: buildMessage((each) => `${each}$property must be a date in the past`),
      },
    },
    options,
  );
}

function copenhagenToday(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date());
}

/** For the second date of a period: must come strictly after the property named `start`. */
export function IsAfter(start: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAfter',
      constraints: [start],
      validator: {
        validate: (value, args) => {
          const startValue = (args?.object as Record<string, unknown>)[start];
          return !isCalendarDate(startValue) || !isCalendarDate(value) || value > startValue;
        },
        defaultMessage: buildMessage((each) => `${each}$property must be after $constraint1`),
      },
    },
    options,
  );
}
