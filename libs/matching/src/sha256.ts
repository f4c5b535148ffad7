/**
 * SHA-256 (FIPS 180-4) and UTF-8 encoding in plain TypeScript, so the lottery runs the same
 * in Node, a worker thread or a browser, and anyone can redo it with any standard SHA-256.
 * A lottery hashes one short message per student, so messages are built in a reusable
 * buffer and digests written into a caller's array: no allocation per hash.
 */

const ROUND_CONSTANTS = Uint32Array.of(
  0x428a2f98,
  0x71374491,
  0xb5c0fbcf,
  0xe9b5dba5,
  0x3956c25b,
  0x59f111f1,
  0x923f82a4,
  0xab1c5ed5,
  0xd807aa98,
  0x12835b01,
  0x243185be,
  0x550c7dc3,
  0x72be5d74,
  0x80deb1fe,
  0x9bdc06a7,
  0xc19bf174,
  0xe49b69c1,
  0xefbe4786,
  0x0fc19dc6,
  0x240ca1cc,
  0x2de92c6f,
  0x4a7484aa,
  0x5cb0a9dc,
  0x76f988da,
  0x983e5152,
  0xa831c66d,
  0xb00327c8,
  0xbf597fc7,
  0xc6e00bf3,
  0xd5a79147,
  0x06ca6351,
  0x14292967,
  0x27b70a85,
  0x2e1b2138,
  0x4d2c6dfc,
  0x53380d13,
  0x650a7354,
  0x766a0abb,
  0x81c2c92e,
  0x92722c85,
  0xa2bfe8a1,
  0xa81a664b,
  0xc24b8b70,
  0xc76c51a3,
  0xd192e819,
  0xd6990624,
  0xf40e3585,
  0x106aa070,
  0x19a4c116,
  0x1e376c08,
  0x2748774c,
  0x34b0bcb5,
  0x391c0cb3,
  0x4ed8aa4a,
  0x5b9cca4f,
  0x682e6ff3,
  0x748f82ee,
  0x78a5636f,
  0x84c87814,
  0x8cc70208,
  0x90befffa,
  0xa4506ceb,
  0xbef9a3f7,
  0xc67178f2,
);

const INITIAL_HASH = Uint32Array.of(
  0x6a09e667,
  0xbb67ae85,
  0x3c6ef372,
  0xa54ff53a,
  0x510e527f,
  0x9b05688c,
  0x1f83d9ab,
  0x5be0cd19,
);

/** Words of a digest. */
export const DIGEST_WORDS = 8;

/** A message under construction, with room kept for SHA-256 padding. */
export class MessageBuffer {
  bytes = new Uint8Array(256);
  length = 0;

  reset(): void {
    this.length = 0;
  }

  appendByte(byte: number): void {
    this.reserve(1);
    this.bytes[this.length++] = byte;
  }

  appendBytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** UTF-8; a lone surrogate becomes U+FFFD, as WHATWG TextEncoder does. */
  appendUtf8(text: string): void {
    this.reserve(3 * text.length); // no UTF-16 code unit takes more than 3 bytes
    for (let i = 0; i < text.length; i++) {
      let code = text.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdfff) {
        const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
        if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
          i++;
        } else {
          code = 0xfffd;
        }
      }
      this.appendCodePoint(code);
    }
  }

  /** Grows the buffer so that `more` bytes, and the padding after them, fit. */
  reserve(more: number): void {
    const needed = this.length + more + 72;
    if (needed <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(needed, this.bytes.length * 2));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  private appendCodePoint(code: number): void {
    const bytes = this.bytes;
    if (code < 0x80) {
      bytes[this.length++] = code;
    } else if (code < 0x800) {
      bytes[this.length++] = 0xc0 | (code >> 6);
      bytes[this.length++] = 0x80 | (code & 0x3f);
    } else if (code < 0x10000) {
      bytes[this.length++] = 0xe0 | (code >> 12);
      bytes[this.length++] = 0x80 | ((code >> 6) & 0x3f);
      bytes[this.length++] = 0x80 | (code & 0x3f);
    } else {
      bytes[this.length++] = 0xf0 | (code >> 18);
      bytes[this.length++] = 0x80 | ((code >> 12) & 0x3f);
      bytes[this.length++] = 0x80 | ((code >> 6) & 0x3f);
      bytes[this.length++] = 0x80 | (code & 0x3f);
    }
  }
}

// Message schedule reused by every call: hashing is synchronous.
const schedule = new Uint32Array(64);

/**
 * Writes the digest of the message as 8 words at digests[offset ..]. Pads the message in
 * place: the buffer's bytes after its length are overwritten.
 */
export function digestInto(message: MessageBuffer, digests: Uint32Array, offset: number): void {
  const blocks = padInPlace(message);
  digests.set(INITIAL_HASH, offset);
  for (let block = 0; block < blocks; block++) {
    compressBlock(message.bytes, block * 64, digests, offset);
  }
}

/** Appends 0x80, zeros, and the bit length as a 64-bit big-endian integer; returns the blocks. */
function padInPlace(message: MessageBuffer): number {
  const { bytes, length } = message;
  const blocks = Math.ceil((length + 9) / 64);
  const end = blocks * 64;
  bytes.fill(0, length, end - 8);
  bytes[length] = 0x80;
  writeWord(bytes, end - 8, Math.floor(length / 0x20000000));
  writeWord(bytes, end - 4, (length * 8) >>> 0);
  return blocks;
}

function writeWord(bytes: Uint8Array, at: number, word: number): void {
  bytes[at] = word >>> 24;
  bytes[at + 1] = (word >>> 16) & 0xff;
  bytes[at + 2] = (word >>> 8) & 0xff;
  bytes[at + 3] = word & 0xff;
}

function compressBlock(bytes: Uint8Array, at: number, hash: Uint32Array, offset: number): void {
  const w = schedule;
  for (let t = 0; t < 16; t++) {
    const i = at + 4 * t;
    w[t] = (bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3];
  }
  for (let t = 16; t < 64; t++) {
    const s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >>> 3);
    const s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >>> 10);
    w[t] = w[t - 16] + s0 + w[t - 7] + s1;
  }
  let a = hash[offset];
  let b = hash[offset + 1];
  let c = hash[offset + 2];
  let d = hash[offset + 3];
  let e = hash[offset + 4];
  let f = hash[offset + 5];
  let g = hash[offset + 6];
  let h = hash[offset + 7];
  for (let t = 0; t < 64; t++) {
    const sum1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
    const choice = (e & f) ^ (~e & g);
    const temp1 = (h + sum1 + choice + ROUND_CONSTANTS[t] + w[t]) | 0;
    const sum0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
    const majority = (a & b) ^ (a & c) ^ (b & c);
    h = g;
    g = f;
    f = e;
    e = (d + temp1) | 0;
    d = c;
    c = b;
    b = a;
    a = (temp1 + sum0 + majority) | 0;
  }
  hash[offset] += a;
  hash[offset + 1] += b;
  hash[offset + 2] += c;
  hash[offset + 3] += d;
  hash[offset + 4] += e;
  hash[offset + 5] += f;
  hash[offset + 6] += g;
  hash[offset + 7] += h;
}

function rotr(value: number, bits: number): number {
  return (value >>> bits) | (value << (32 - bits));
}

/** A digest's words as 64 lowercase hex digits. */
export function digestHex(digests: Uint32Array, offset: number): string {
  let hex = '';
  for (let i = 0; i < DIGEST_WORDS; i++) hex += digests[offset + i].toString(16).padStart(8, '0');
  return hex;
}

export function sha256Hex(bytes: Uint8Array): string {
  const message = new MessageBuffer();
  message.appendBytes(bytes);
  const digest = new Uint32Array(DIGEST_WORDS);
  digestInto(message, digest, 0);
  return digestHex(digest, 0);
}

export function utf8Bytes(text: string): Uint8Array {
  const message = new MessageBuffer();
  message.appendUtf8(text);
  return message.bytes.slice(0, message.length);
}
