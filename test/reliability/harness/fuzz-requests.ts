import fc from 'fast-check';
import { hostileScalar, hostileValue, objectFor, valueFor } from './hostile-values';
import { Operation, Schema } from './openapi-operations';

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
  if (!operation.body) return fc.oneof({ weight: 8, arbitrary: fc.constant({}) }, ...hostile);
  if (operation.body.contentType === 'multipart/form-data')
    return fc.oneof(csvUpload(), ...hostile);
  return fc.oneof(
    { weight: 6, arbitrary: objectFor(operation.body.schema, ids).map(json) },
    ...hostile,
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
