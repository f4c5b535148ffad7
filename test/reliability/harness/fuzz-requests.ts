import fc from 'fast-check';
import { hostileScalar, hostileValue, objectFor, valueFor } from './hostile-values';
import { Operation, Schema } from './openapi-operations';
import { deepNesting, longArray, manyKeys, multipartCsv } from './stall-shapes';

export interface FuzzRequest {
  method: string;
  url: string;
  contentType?: string;
  body?: string;
}

type Body = Pick<FuzzRequest, 'contentType' | 'body'>;

const MALFORMED_JSON = [
  '{',
  '{"a":',
  '[1, 2',
  '{"a": 1}}',
  "{'single': 'quotes'}",
  '\u0000',
  'nul',
];
const WRONG_TYPES = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'image/png',
];

/** One request to an operation: hostile path parameters, query and body, as fast-check draws them. */
export function requestFor(
  operation: Operation,
  ids: fc.Arbitrary<string>,
): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(pathFor(operation, ids), queryFor(operation.query, ids), bodyFor(operation, ids))
    .map(([path, query, body]) => ({
      method: operation.method,
      url: query ? `${path}?${query}` : path,
      ...body,
    }));
}

function pathFor(operation: Operation, ids: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const segment = fc.oneof(
    { weight: 6, arbitrary: ids },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: hostileScalar.map((v) => text(v).slice(0, 3000)) },
  );
  return fc
    .tuple(...operation.pathParams.map(() => segment))
    .map((values) =>
      operation.pathParams.reduce(
        (path, name, i) => path.replace(`{${name}}`, encodeURIComponent(values[i])),
        operation.path,
      ),
    );
}

function queryFor(
  params: { name: string; schema: Schema }[],
  ids: fc.Arbitrary<string>,
): fc.Arbitrary<string> {
  const known = params.map((p) =>
    fc.option(valueFor(p.schema, ids).map((v) => [p.name, text(v)] as const)),
  );
  const extra = fc.option(fc.tuple(fc.string({ maxLength: 10 }), hostileScalar.map(text)), {
    freq: 5,
  });
  return fc.tuple(fc.tuple(...known), extra).map(([pairs, more]) => {
    const search = new URLSearchParams();
    for (const pair of [...pairs, more]) if (pair) search.append(pair[0], pair[1].slice(0, 5000));
    return search.toString();
  });
}

function bodyFor(operation: Operation, ids: fc.Arbitrary<string>): fc.Arbitrary<Body> {
  const json = (value: unknown): Body => ({
    contentType: 'application/json',
    body: JSON.stringify(value),
  });
  const hostile: fc.Arbitrary<Body>[] = [
    hostileValue.map(json),
    fc.constantFrom(...MALFORMED_JSON).map((body) => ({ contentType: 'application/json', body })),
    fc
      .tuple(fc.constantFrom(...WRONG_TYPES), hostileValue)
      .map(([contentType, value]) => ({ contentType, body: JSON.stringify(value) ?? '' })),
    fc.constant({}),
  ];
  const stalling = stallShape(operation);
  if (!operation.body) {
    return fc.oneof({ weight: 8, arbitrary: fc.constant({}) }, stalling, ...hostile);
  }
  if (operation.body.contentType === 'multipart/form-data') {
    return fc.oneof(csvUpload(), stallCsv(), ...hostile);
  }
  return fc.oneof(
    { weight: 6, arbitrary: objectFor(operation.body.schema, ids).map(json) },
    stalling,
    ...hostile,
  );
}

/**
 * Shapes that once held the event loop for seconds or answered 500 (see stall-shapes.ts): many
 * keys, deep nesting, long lists (in the operation's own list fields too), NUL in its text fields.
 */
function stallShape(operation: Operation): fc.Arbitrary<Body> {
  const raw = (body: string): Body => ({ contentType: 'application/json', body });
  const fields = Object.entries(operation.body?.schema.properties ?? {});
  const lists = fields.filter(([, schema]) => schema.type === 'array').map(([name]) => name);
  const texts = fields
    .filter(([, schema]) => schema.type === 'string' && !schema.enum && !schema.format)
    .map(([name]) => name);
  const shapes: fc.Arbitrary<Body>[] = [
    fc.integer({ min: 51, max: 84_000 }).map((size) => raw(manyKeys(size))),
    fc.integer({ min: 9, max: 3_000 }).map((size) => raw(deepNesting(size))),
    fc.integer({ min: 5_001, max: 150_000 }).map((size) => raw(`{"list":${longArray(size)}}`)),
  ];
  if (lists.length > 0) {
    shapes.push(
      fc
        .tuple(fc.constantFrom(...lists), fc.integer({ min: 11, max: 150_000 }))
        .map(([name, size]) => raw(`{${JSON.stringify(name)}:${longArray(size)}}`)),
    );
  }
  if (texts.length > 0) {
    shapes.push(
      fc.constantFrom(...texts).map((name) => raw(JSON.stringify({ [name]: 'a\u0000b' }))),
    );
  }
  return fc.oneof(...shapes);
}

/** CSV uploads of a very wide header, very many rows, a huge cell, or a NUL byte. */
function stallCsv(): fc.Arbitrary<Body> {
  const upload = (csv: string): Body => multipartCsv(csv);
  return fc.oneof(
    fc.integer({ min: 12, max: 100_000 }).map((size) => upload(`${'x,'.repeat(size)}x\n1\n`)),
    fc.integer({ min: 5_001, max: 60_000 }).map((size) => upload(`a,b\n${'1,2\n'.repeat(size)}`)),
    fc.integer({ min: 16_001, max: 500_000 }).map((size) => upload(`title\n${'x'.repeat(size)}\n`)),
    fc.constant(upload('title,focusArea\nLab\u0000,x\n')),
  );
}

/** A multipart upload of CSV-ish rows, sometimes in a field of the wrong name. */
function csvUpload(): fc.Arbitrary<Body> {
  const boundary = 'fuzzboundary7MA4YWxkTrZu0gW';
  const rows = fc.array(fc.array(fc.string({ maxLength: 20 }), { maxLength: 8 }), { maxLength: 6 });
  return fc.tuple(rows, fc.constantFrom('file', 'other')).map(([lines, field]) => ({
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: [
      `--${boundary}`,
      `Content-Disposition: form-data; name="${field}"; filename="roster.csv"`,
      'Content-Type: text/csv',
      '',
      lines.map((cells) => cells.join(',')).join('\n'),
      `--${boundary}--`,
      '',
    ].join('\r\n'),
  }));
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}
