/**
 * A scanner over UTF-8 JSON bytes for the fast instance reader. It understands only what
 * plain instances use (objects, arrays, strings without escapes, small positive integers)
 * and throws OUTSIDE_FAST_PATH on anything else, valid JSON or not: the caller then falls
 * back to JSON.parse, which decides what the bytes mean.
 */

export class OutsideFastPath {}

export const OUTSIDE_FAST_PATH = new OutsideFastPath();

const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
// Exported through a list, not `export const`: CommonJS output would otherwise read each
// one as a property of `exports` inside the byte loops.
export { QUOTE, COMMA, COLON, OPEN_BRACKET, CLOSE_BRACKET, OPEN_BRACE, CLOSE_BRACE };
const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const BACKSLASH = 0x5c;
const ZERO = 0x30;
const NINE = 0x39;
const DOT = 0x2e;
const LOWER_E = 0x65;
const UPPER_E = 0x45;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Capacities above this go the slow way; no slot has a billion seats. */
const MAX_FAST_INTEGER_DIGITS = 9;

export interface StringSink {
  add(start: number, end: number, hash: number): void;
}

export class JsonBytesScanner {
  position = 0;
  /** The last string read: its bytes are stringStart .. stringEnd - 1 (quotes excluded). */
  stringStart = 0;
  stringEnd = 0;
  /** Hash of the last string's bytes, for hash tables. */
  stringHash = 0;

  constructor(readonly bytes: Uint8Array) {
    const hasByteOrderMark = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    if (hasByteOrderMark) this.position = 3;
  }

  skipWhitespace(): void {
    this.position = skipWhitespace(this.bytes, this.position);
  }

  /** Skips whitespace and tells whether the next byte is the given one (not consumed). */
  nextIs(byte: number): boolean {
    this.skipWhitespace();
    return this.bytes[this.position] === byte;
  }

  expect(byte: number): void {
    if (!this.nextIs(byte)) throw OUTSIDE_FAST_PATH;
    this.position++;
  }

  /** Consumes a comma if one comes next: true means another member follows. */
  comma(): boolean {
    if (!this.nextIs(COMMA)) return false;
    this.position++;
    return true;
  }

  readString(): void {
    this.expect(QUOTE);
    const start = this.position;
    const end = closingQuote(this.bytes, start);
    this.stringStart = start;
    this.stringEnd = end;
    this.stringHash = hashBytes(this.bytes, start, end);
    this.position = end + 1;
  }

  /**
   * Reads an array of strings into the sink: the loop that runs once per preference, so it
   * keeps its position in a local and skips the general-purpose methods.
   */
  readStringArray(sink: StringSink): void {
    const bytes = this.bytes;
    let position = skipWhitespace(bytes, this.position);
    if (bytes[position] !== OPEN_BRACKET) throw OUTSIDE_FAST_PATH;
    position = skipWhitespace(bytes, position + 1);
    if (bytes[position] !== CLOSE_BRACKET) {
      for (;;) {
        if (bytes[position] !== QUOTE) throw OUTSIDE_FAST_PATH;
        const end = closingQuote(bytes, position + 1);
        sink.add(position + 1, end, hashBytes(bytes, position + 1, end));
        position = skipWhitespace(bytes, end + 1);
        if (bytes[position] !== COMMA) break;
        position = skipWhitespace(bytes, position + 1);
      }
      if (bytes[position] !== CLOSE_BRACKET) throw OUTSIDE_FAST_PATH;
    }
    this.position = position + 1;
  }

  /** True when the last string read has exactly these ASCII bytes. */
  stringEquals(ascii: Uint8Array): boolean {
    if (this.stringEnd - this.stringStart !== ascii.length) return false;
    for (let i = 0; i < ascii.length; i++) {
      if (this.bytes[this.stringStart + i] !== ascii[i]) return false;
    }
    return true;
  }

  /** A plain positive integer: no sign, fraction, exponent or leading zero. */
  readPositiveInteger(): number {
    this.skipWhitespace();
    const bytes = this.bytes;
    const start = this.position;
    let value = 0;
    let position = start;
    while (position < bytes.length && bytes[position] >= ZERO && bytes[position] <= NINE) {
      value = value * 10 + (bytes[position] - ZERO);
      position++;
    }
    const digits = position - start;
    if (digits === 0 || digits > MAX_FAST_INTEGER_DIGITS || bytes[start] === ZERO) {
      throw OUTSIDE_FAST_PATH;
    }
    const next = bytes[position];
    if (next === DOT || next === LOWER_E || next === UPPER_E) throw OUTSIDE_FAST_PATH;
    this.position = position;
    return value;
  }

  expectEnd(): void {
    this.skipWhitespace();
    if (this.position !== this.bytes.length) throw OUTSIDE_FAST_PATH;
  }
}

export function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

function skipWhitespace(bytes: Uint8Array, from: number): number {
  let position = from;
  while (position < bytes.length) {
    const byte = bytes[position];
    if (byte !== SPACE && byte !== LINE_FEED && byte !== CARRIAGE_RETURN && byte !== TAB) break;
    position++;
  }
  return position;
}

/** Position of the quote closing a string that starts at start, refusing what needs decoding. */
function closingQuote(bytes: Uint8Array, start: number): number {
  let sawNonAscii = false;
  for (let position = start; position < bytes.length; position++) {
    const byte = bytes[position];
    if (byte === QUOTE) {
      // Equal bytes must mean equal strings: malformed UTF-8 decodes several ways to U+FFFD.
      if (sawNonAscii && !isWellFormedUtf8(bytes, start, position)) throw OUTSIDE_FAST_PATH;
      return position;
    }
    if (byte === BACKSLASH || byte < SPACE) throw OUTSIDE_FAST_PATH;
    if (byte >= 0x80) sawNonAscii = true;
  }
  throw OUTSIDE_FAST_PATH;
}

/** FNV-1a over the bytes, finished with murmur3's mix. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let position = start; position < end; position++) {
    hash = Math.imul(hash ^ bytes[position], FNV_PRIME);
  }
  return finishHash(hash);
}

/** murmur3's finaliser: spreads FNV's weak high bits over the bits a table index uses. */
function finishHash(hash: number): number {
  let mixed = hash ^ (hash >>> 16);
  mixed = Math.imul(mixed, 0x85ebca6b);
  mixed ^= mixed >>> 13;
  mixed = Math.imul(mixed, 0xc2b2ae35);
  return mixed ^ (mixed >>> 16);
}

/** RFC 3629: shortest forms only, no surrogates, nothing above U+10FFFF. */
export function isWellFormedUtf8(bytes: Uint8Array, start: number, end: number): boolean {
  let position = start;
  while (position < end) {
    const lead = bytes[position];
    if (lead < 0x80) {
      position++;
      continue;
    }
    const length = sequenceLength(lead, position + 1 < end ? bytes[position + 1] : 0);
    if (length === 0 || position + length > end) return false;
    for (let i = 2; i < length; i++) {
      if ((bytes[position + i] & 0xc0) !== 0x80) return false;
    }
    position += length;
  }
  return true;
}

/** Length of the sequence a lead byte starts, checking the second byte's allowed range; 0 if invalid. */
function sequenceLength(lead: number, second: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return second >= 0x80 && second <= 0xbf ? 2 : 0;
  if (lead === 0xe0) return second >= 0xa0 && second <= 0xbf ? 3 : 0;
  if (lead === 0xed) return second >= 0x80 && second <= 0x9f ? 3 : 0;
  if (lead >= 0xe1 && lead <= 0xef) return second >= 0x80 && second <= 0xbf ? 3 : 0;
  if (lead === 0xf0) return second >= 0x90 && second <= 0xbf ? 4 : 0;
  if (lead >= 0xf1 && lead <= 0xf3) return second >= 0x80 && second <= 0xbf ? 4 : 0;
  if (lead === 0xf4) return second >= 0x80 && second <= 0x8f ? 4 : 0;
  return 0;
}
