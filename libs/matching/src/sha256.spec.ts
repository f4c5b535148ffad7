import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha256Hex, utf8Bytes } from './sha256';

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
  ])('matches the FIPS 180-4 example for %j', (message, digest) => {
    expect(sha256Hex(utf8Bytes(message))).toBe(digest);
  });

  it('agrees with node:crypto on messages of every padding length, and long ones', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
      { numRuns: 500 },
    );
  });
});

describe('utf8Bytes', () => {
  it('encodes like Buffer, lone surrogates included (as U+FFFD)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(Buffer.from(utf8Bytes(text))).toEqual(Buffer.from(text, 'utf8'));
      }),
      { numRuns: 500 },
    );
  });
});
