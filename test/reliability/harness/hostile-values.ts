import fc from 'fast-check';
import { Schema } from './openapi-operations';

/**
 * fast-check arbitraries for hostile input: values that fit a schema, values that almost fit
 * (out of range, too long), and values of the wrong kind altogether.
 */
const HUGE = 'x'.repeat(200_000);

export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    HUGE,
    '\u0000',
    '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓ æøå',
    "'; DROP TABLE students; --",
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '__proto__',
    'NaN',
    '1e309',
    '2027-02-30',
    '0000-00-00T00:00:00Z',
  ),
  fc.integer(),
  fc.constantFrom(-1, 0, -(2 ** 31), 2 ** 31, 2 ** 53 + 1, 1e308, -1e308, 0.5),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileScalar },
  { weight: 1, arbitrary: fc.array(hostileScalar, { maxLength: 15 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), hostileScalar) },
  {
    weight: 1,
    arbitrary: fc.constant(JSON.parse('{"__proto__":{"admin":true},"constructor":{}}')),
  },
);

/** A value for a schema: one that fits it most of the time, a hostile one otherwise. */
export function valueFor(
  schema: Schema,
  ids: fc.Arbitrary<string>,
  depth = 0,
): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fitting(schema, ids, depth) },
    { weight: 1, arbitrary: hostileValue },
  );
}

function fitting(schema: Schema, ids: fc.Arbitrary<string>, depth: number): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.format === 'uuid') return fc.oneof(ids, fc.uuid());
  if (schema.format === 'date-time')
    return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.type === 'array' && depth < 3)
    return fc.array(valueFor(schema.items ?? {}, ids, depth + 1), { maxLength: 12 });
  if (schema.type === 'object' || schema.properties) return objectFor(schema, ids, depth);
  if (schema.type === 'number' || schema.type === 'integer' || schema.minimum !== undefined)
    return numberNear(schema);
  if (schema.type === 'boolean') return fc.boolean();
  return fc.oneof(
    fc.string({ maxLength: schema.maxLength ?? 60 }),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  );
}

function numberNear(schema: Schema): fc.Arbitrary<number> {
  const min = schema.minimum ?? -1000;
  const max = schema.maximum ?? 1000;
  return fc.oneof(fc.integer({ min: Math.ceil(min) - 2, max: Math.floor(max) + 2 }), fc.double());
}

/** An object with each known field present or missing, and sometimes an unknown field. */
export function objectFor(
  schema: Schema,
  ids: fc.Arbitrary<string>,
  depth = 0,
): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.entries(schema.properties ?? {});
  const known = fc.record(
    Object.fromEntries(fields.map(([name, field]) => [name, valueFor(field, ids, depth + 1)])),
    { requiredKeys: [] },
  );
  const extra = fc.option(
    fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), hostileScalar, { maxKeys: 2 }),
    {
      freq: 4,
    },
  );
  return fc.tuple(known, extra).map(([object, more]) => ({ ...(more ?? {}), ...object }));
}
