import { randomUUID } from 'node:crypto';

/**
 * Request shapes that once made the api work per key, per element or per column (quadratic
 * checks, or work done before the shape was bounded), each as a function of a size. The stall
 * test sends them at a base size and grown 10 and 100 times; the fuzzer draws them for every
 * route of the OpenAPI document.
 */
export interface ShapedRequest {
  method: string;
  url: string;
  /** A JSON body, sent as is. */
  json?: string;
  /** A CSV file, sent as the multipart field `file`. */
  csv?: string;
}

export interface StallShape {
  name: string;
  /** The size at ×1; the measurements were at ×100. */
  base: number;
  caller?: 'student' | 'reviewer' | 'coordinator';
  request(size: number, ids: Record<string, string>): ShapedRequest;
}

/** `{"k0":0,"k1":0,...}` with `size` keys, after the given fields. */
export function manyKeys(size: number, fields: Record<string, unknown> = {}): string {
  const known = JSON.stringify(fields).slice(1, -1);
  const keys = Array.from({ length: size }, (_, i) => `"k${i}":0`).join(',');
  return `{${known}${known && size > 0 ? ',' : ''}${keys}}`;
}

/** `[0,1,2,...]` with `size` small numbers. */
export function longArray(size: number): string {
  return `[${Array.from({ length: size }, (_, i) => i % 10).join(',')}]`;
}

/** `["<uuid>",...]` with `size` well-formed ids that name nobody in the database. */
export function unknownIds(size: number): string {
  return JSON.stringify(Array.from({ length: size }, () => randomUUID()));
}

/** `{"a":{"a":...}}` nested `size` levels deep. */
export function deepNesting(size: number): string {
  return `${'{"a":'.repeat(size)}1${'}'.repeat(size)}`;
}

/** A new address each time, so the per-account sign-in throttle never answers first. */
const login = () => ({
  email: `nobody-${Math.random().toString(36).slice(2)}@test.example`,
  password: 'not the password',
});
const ROSTER_HEADER = 'name,email,programme,birthDate,availableFrom,availableTo';

export const STALL_SHAPES: StallShape[] = [
  {
    name: 'a sign-in with many unknown keys',
    base: 840,
    request: (size) => ({ method: 'POST', url: '/api/auth/login', json: manyKeys(size, login()) }),
  },
  {
    name: 'an invitation answer with many unknown keys',
    base: 840,
    request: (size) => ({
      method: 'POST',
      url: '/api/auth/accept-invitation',
      json: manyKeys(size, { token: 'x', password: 'long enough password' }),
    }),
  },
  {
    name: 'a sign-in nested deeply',
    base: 20,
    request: (size) => ({ method: 'POST', url: '/api/auth/login', json: deepNesting(size) }),
  },
  {
    name: 'a sign-in with a long password',
    base: 9_000,
    request: (size) => ({
      method: 'POST',
      url: '/api/auth/login',
      json: JSON.stringify({ ...login(), password: 'x'.repeat(size) }),
    }),
  },
  {
    name: 'a preference list with many slot ids',
    base: 1_580,
    caller: 'student',
    request: (size, ids) => ({
      method: 'PUT',
      url: `/api/rounds/${ids.roundId}/preferences`,
      json: `{"slotIds":${longArray(size)}}`,
    }),
  },
  {
    name: 'a ranking with many student ids',
    base: 1_580,
    caller: 'reviewer',
    request: (size, ids) => ({
      method: 'PUT',
      url: `/api/rounds/${ids.roundId}/slots/${ids.slotId}/ranking`,
      json: `{"studentIds":${longArray(size)}}`,
    }),
  },
  {
    // A body the DTO accepts (5,000 is its ceiling at ×100): the service refuses it, in time
    // and with a short error that names at most a few of the ids.
    name: 'a ranking with many valid ids of students who did not apply',
    base: 50,
    caller: 'reviewer',
    request: (size, ids) => ({
      method: 'PUT',
      url: `/api/rounds/${ids.roundId}/slots/${ids.slotId}/ranking`,
      json: `{"studentIds":${unknownIds(size)}}`,
    }),
  },
  {
    name: 'a profile with many interests',
    base: 1_580,
    caller: 'student',
    request: (size, ids) => ({
      method: 'PATCH',
      url: `/api/students/${ids.studentId}`,
      json: `{"interests":${longArray(size)},"languages":${longArray(size)}}`,
    }),
  },
  {
    name: 'a slot with many programme ids',
    base: 1_580,
    caller: 'reviewer',
    request: (size) => ({
      method: 'POST',
      url: '/api/slots',
      json: `{"title":"t","focusArea":"x","startsOn":"2027-02-01","endsOn":"2027-03-01","capacity":1,"programmeIds":${longArray(size)}}`,
    }),
  },
  {
    name: 'a CSV roster whose header has many columns',
    base: 1_450,
    caller: 'coordinator',
    request: (size) => ({
      method: 'POST',
      url: '/api/students/import',
      csv: `${Array.from({ length: size }, () => 'x').join(',')}\n${'1,'.repeat(size - 1)}1\n`,
    }),
  },
  {
    name: 'a CSV slot list whose header has many columns',
    base: 1_450,
    caller: 'reviewer',
    request: (size) => ({
      method: 'POST',
      url: '/api/slots/import',
      csv: `${Array.from({ length: size }, (_, i) => `c${i % 100}`).join(',')}\n${'1,'.repeat(size - 1)}1\n`,
    }),
  },
  {
    name: 'a CSV roster with many bad rows',
    base: 600,
    caller: 'coordinator',
    request: (size) => ({
      method: 'POST',
      url: '/api/students/import',
      csv: `${ROSTER_HEADER}\n${'a,b,c,d,e,f\n'.repeat(size)}`,
    }),
  },
  {
    name: 'a CSV roster with a huge cell',
    base: 9_000,
    caller: 'coordinator',
    request: (size) => ({
      method: 'POST',
      url: '/api/students/import',
      csv: `${ROSTER_HEADER}\n${'x'.repeat(size)},b,c,d,e,f\n`,
    }),
  },
];

const BOUNDARY = 'stallboundary7MA4YWxkTrZu0gW';

export function multipartCsv(csv: string, field = 'file'): { contentType: string; body: string } {
  return {
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    body: [
      `--${BOUNDARY}`,
      `Content-Disposition: form-data; name="${field}"; filename="upload.csv"`,
      'Content-Type: text/csv',
      '',
      csv,
      `--${BOUNDARY}--`,
      '',
    ].join('\r\n'),
  };
}
