import { NextFunction, Request, Response } from 'express';

/**
 * Bounds on the shape of every request, checked right after the body is parsed and before any
 * guard, pipe or DTO looks at it. Class-transformer and class-validator do work per key and per
 * element (some of it worse than linear), so an unbounded body could hold the event loop for
 * seconds before the DTO refused it. The bounds are what the most demanding route needs (a
 * ranking of 5,000 students, a slot description of 5,000 characters); each DTO then applies its
 * own, tighter limits linearly. The walk itself stops at the first value out of bounds.
 */
export const REQUEST_SHAPE_LIMITS = {
  /** Objects and arrays inside one another; DTOs nest two levels at most. */
  maxDepth: 8,
  /** Keys of one object; the largest DTOs have 12 fields. */
  maxKeys: 50,
  /** Items of one array: a reviewer's ranking of at most 5,000 applicants. */
  maxItems: 5000,
  /** Characters of one string or key: a slot description has at most 5,000. */
  maxStringLength: 10_000,
  /** Values in the whole body, all arrays and objects together. */
  maxValues: 10_000,
} as const;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/**
 * The same bounds on a raw JSON body, before JSON.parse builds it: parsing an object of 84,000
 * keys alone took V8 a few hundred milliseconds. One pass over the bytes, counting commas per open
 * object or array outside strings; invalid JSON is left for the parser to refuse.
 */
export function rawJsonShapeProblem(
  raw: Buffer,
  limits: typeof REQUEST_SHAPE_LIMITS = REQUEST_SHAPE_LIMITS,
): string | undefined {
  const commas: number[] = [];
  const isObject: boolean[] = [];
  let inString = false;
  let escaped = false;
  let values = 0;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === BACKSLASH) escaped = true;
      else if (byte === QUOTE) inString = false;
      continue;
    }
    if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (commas.length >= limits.maxDepth) {
        return `body is nested more than ${limits.maxDepth} levels deep`;
      }
      commas.push(0);
      isObject.push(byte === OPEN_OBJECT);
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      commas.pop();
      isObject.pop();
    } else if (byte === COMMA && commas.length > 0) {
      if (++values > limits.maxValues) return `body has more than ${limits.maxValues} values`;
      const top = commas.length - 1;
      const members = ++commas[top] + 1;
      if (isObject[top] && members > limits.maxKeys) {
        return `body has an object of more than ${limits.maxKeys} keys`;
      }
      if (!isObject[top] && members > limits.maxItems) {
        return `body has an array of more than ${limits.maxItems} items`;
      }
    }
  }
  return undefined;
}

/**
 * For the JSON body parser's `verify` hook, which runs on the raw bytes before parsing: a thrown
 * error with a 4xx status and `expose` becomes the answer.
 */
export function verifyJsonShape(
  _request: unknown,
  _response: unknown,
  raw: Buffer,
  encoding: string,
): void {
  const bytes = /^utf-?8$/i.test(encoding) ? raw : reencoded(raw, encoding);
  const problem = bytes && rawJsonShapeProblem(bytes);
  if (problem) throw Object.assign(new Error(problem), { status: 400, expose: true });
}

/** A body in UTF-16 and the like, as UTF-8; undefined if the charset is unknown (415 follows). */
function reencoded(raw: Buffer, encoding: string): Buffer | undefined {
  try {
    return Buffer.from(new TextDecoder(encoding).decode(raw), 'utf8');
  } catch {
    return undefined;
  }
}

/** A percent-encoded NUL anywhere in the path or query string. */
const ENCODED_NUL = /%00/i;

/** Express middleware: answers 400 with a short message when the request is out of bounds. */
export function boundRequestShape(request: Request, response: Response, next: NextFunction): void {
  const problem = ENCODED_NUL.test(request.originalUrl)
    ? 'the URL contains a NUL character'
    : (shapeProblem(request.query, 'query') ?? shapeProblem(request.body, 'body'));
  if (problem === undefined) return next();
  const code = problem.includes('NUL') ? 'request.nul_character' : 'request.shape';
  response.status(400).json({ statusCode: 400, message: problem, error: 'Bad Request', code });
}

/**
 * Why a parsed value is out of bounds, or undefined when it is within them. Iterative, so a body
 * nested thousands of levels deep costs one pass and no stack.
 */
export function shapeProblem(
  value: unknown,
  where: 'body' | 'query',
  limits: typeof REQUEST_SHAPE_LIMITS = REQUEST_SHAPE_LIMITS,
): string | undefined {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  let values = 0;
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (++values > limits.maxValues) return `${where} has more than ${limits.maxValues} values`;
    if (typeof current === 'string') {
      const problem = stringProblem(current, where, limits.maxStringLength);
      if (problem) return problem;
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= limits.maxDepth)
      return `${where} is nested more than ${limits.maxDepth} levels deep`;
    if (Array.isArray(current)) {
      if (current.length > limits.maxItems) {
        return `${where} has an array of more than ${limits.maxItems} items`;
      }
      for (const item of current) stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(current);
    if (keys.length > limits.maxKeys)
      return `${where} has an object of more than ${limits.maxKeys} keys`;
    for (const key of keys) {
      const problem = stringProblem(key, where, limits.maxStringLength);
      if (problem) return problem;
      stack.push({ value: (current as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  return undefined;
}

function stringProblem(text: string, where: string, maxLength: number): string | undefined {
  if (text.length > maxLength) return `${where} has a text longer than ${maxLength} characters`;
  // PostgreSQL cannot store NUL in text; no field of the service has a use for one.
  if (text.includes('\u0000')) return `${where} contains a NUL character`;
  return undefined;
}
