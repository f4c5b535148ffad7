import createClient from 'openapi-fetch';
import type { paths } from './schema';

/** A problem the api names by a stable code, for the app to word (see i18n/error-texts.ts). */
export interface CodedProblem {
  code?: string;
  field?: string;
  params?: Record<string, string | number>;
  message: string;
}

/**
 * The api's error body: `message` is English, for developers; `code` (and `field`, `params`)
 * is what the app words. A refused body lists each field's problem in `errors`; a refused CSV
 * file each row's, with the file's `line` (the header is line 1).
 */
export interface ErrorBody {
  statusCode: number;
  message: string | string[];
  error?: string;
  code?: string;
  field?: string;
  params?: Record<string, string | number>;
  errors?: (CodedProblem & { field: string; line?: number; row?: number })[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | undefined,
  ) {
    super(
      body ? (Array.isArray(body.message) ? body.message.join('; ') : body.message) : `${status}`,
    );
  }

  get code(): string | undefined {
    return this.body?.code;
  }
}

/** The typed client of the documented `/api` routes (types from the api's OpenAPI document). */
export const api = createClient<paths>({ baseUrl: '' });

let accessToken: string | null = null;
let onUnauthorized: () => void = () => undefined;

export function setAccessToken(token: string | null, whenRejected: () => void): void {
  accessToken = token;
  onUnauthorized = whenRejected;
}

api.use({
  onRequest({ request }) {
    if (accessToken) request.headers.set('Authorization', `Bearer ${accessToken}`);
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && accessToken && !request.url.endsWith('/api/auth/login')) {
      onUnauthorized();
    }
    return response;
  },
});

/**
 * The body of a successful answer, as the shape the caller names (see types.ts, whose types are
 * generated from the api's response schemas). Throws ApiError for any status but 2xx.
 */
export async function read<T>(
  request: Promise<{ data?: unknown; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await request;
  if (!response.ok) throw new ApiError(response.status, error as ErrorBody | undefined);
  return data as T;
}

/** Every item of a paginated list, page by page (pageSize 100, the api's maximum). */
export async function readAll<T>(
  fetchPage: (page: number) => Promise<{ data?: unknown; error?: unknown; response: Response }>,
): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const result = await read<{ items: T[]; total: number }>(fetchPage(page));
    items.push(...result.items);
    if (result.items.length === 0 || items.length >= result.total) return items;
  }
}
