import fc from 'fast-check';
import { readMarketFast } from './fast-instance-reader';
import { parseInstanceText, readInstanceBytes } from './instance-text';
import { MatchingInstance } from './instance';
import { Market } from './market';
import { compileMarket } from './market-compiler';
import { aSlot, aStudent, anInstance } from './testing/instance-factories';
import { instanceArbitrary } from './testing/random-instances';
import { renameIds } from './testing/renaming';
import { reorderInstance } from './testing/reordering';

const encoder = new TextEncoder();

/** Ids of any code points, and often of the characters JSON must escape or UTF-8 spreads. */
const idArbitrary = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }),
  fc.string({
    unit: fc.constantFrom('a', 'b', '"', '\\', '\n', '\u0001', 'é', '😀', '\ud800', ' '),
    minLength: 1,
    maxLength: 4,
  }),
);
const bytesOf = (text: string) => encoder.encode(text);

const plain = anInstance(
  [aStudent('s1', ['c1', 'c2']), aStudent('s2', ['c1'])],
  [aSlot('c1', 1, ['s2', 's1']), aSlot('c2', 3, [])],
);

/** The reference reading: decode, JSON.parse, compileMarket. Its error when it throws. */
function referenceReading(bytes: Uint8Array): Market | Error {
  try {
    return parseInstanceText(new TextDecoder().decode(bytes));
  } catch (error) {
    return error as Error;
  }
}

function reading(bytes: Uint8Array): Market | Error {
  try {
    return readInstanceBytes(bytes);
  } catch (error) {
    return error as Error;
  }
}

describe('readMarketFast', () => {
  it('compiles a plain instance exactly as the reference path does', () => {
    const market = readMarketFast(bytesOf(JSON.stringify(plain)));

    expect(market).not.toBeNull();
    expect(market).toEqual(compileMarket(plain));
  });

  it('reads any whitespace, key order and a byte order mark', () => {
    const reordered = reorderInstance(plain, 7);
    const text = `\ufeff${JSON.stringify(reordered, null, '\t')}\r\n`;

    expect(readMarketFast(bytesOf(text))).toEqual(compileMarket(reordered));
  });

  it('reads ids in any script and decodes them', () => {
    const instance = anInstance(
      [aStudent('Søren Ærø', ['Novo Nordisk – QC'])],
      [aSlot('Novo Nordisk – QC', 1, ['Søren Ærø'])],
    );

    const market = readMarketFast(bytesOf(JSON.stringify(instance)));

    expect(market?.studentIds).toEqual(['Søren Ærø']);
    expect(market?.slotIds).toEqual(['Novo Nordisk – QC']);
  });

  it.each([
    ['an escaped character', JSON.stringify(plain).replaceAll('"s1"', '"s\\u0031"')],
    ['a field outside the contract', JSON.stringify({ ...plain, round: 'r1' })],
    ['a capacity with a fraction', JSON.stringify(plain).replace('"capacity":3', '"capacity":3.0')],
    [
      'a capacity with an exponent',
      JSON.stringify(plain).replace('"capacity":3', '"capacity":3e0'),
    ],
    ['a repeated key', JSON.stringify(plain).replace('{"id":"s2",', '{"id":"s2","id":"s2",')],
    ['an unknown preference', JSON.stringify(plain).replace('["s2","s1"]', '["s2","s9"]')],
    ['text after the object', `${JSON.stringify(plain)} {}`],
    ['an empty object', '{}'],
    ['a repeated preference', JSON.stringify(plain).replace('["s2","s1"]', '["s2","s2"]')],
    ['a repeated id', JSON.stringify(plain).replace('"id":"s2"', '"id":"s1"')],
    ['an empty id', JSON.stringify(plain).replace('"id":"c2"', '"id":""')],
    ['capacity 0', JSON.stringify(plain).replace('"capacity":3', '"capacity":0')],
    ['a negative capacity', JSON.stringify(plain).replace('"capacity":3', '"capacity":-3')],
    [
      'a capacity beyond nine digits',
      JSON.stringify(plain).replace('"capacity":3', '"capacity":1234567890'),
    ],
    ['a missing capacity', JSON.stringify(plain).replace('"capacity":3,', '')],
  ])('leaves %s to the reference path', (_, text) => {
    expect(readMarketFast(bytesOf(text))).toBeNull();
  });

  it('leaves malformed UTF-8 to the reference path', () => {
    const text = JSON.stringify(anInstance([aStudent('sX', [])], []));
    const bytes = bytesOf(text);
    bytes[text.indexOf('X')] = 0xc3; // a lead byte followed by a quote

    expect(readMarketFast(bytes)).toBeNull();
  });
});

describe('readInstanceBytes', () => {
  it('agrees with the reference path on random instances with any ids and layout', () => {
    fc.assert(
      fc.property(
        instanceArbitrary(),
        fc.uniqueArray(idArbitrary, { minLength: 9, maxLength: 9 }),
        fc.uniqueArray(idArbitrary, { minLength: 6, maxLength: 6 }),
        fc.nat(),
        fc.boolean(),
        (instance, studentNames, slotNames, seed, pretty) => {
          const renamed = reorderInstance(renameIds(instance, studentNames, slotNames), seed);
          const bytes = bytesOf(JSON.stringify(renamed, null, pretty ? 2 : undefined));
          expect(reading(bytes)).toEqual(referenceReading(bytes));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('agrees with the reference path on damaged files, errors included', () => {
    fc.assert(
      fc.property(
        instanceArbitrary(),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        (instance: MatchingInstance, position, byte) => {
          const bytes = bytesOf(JSON.stringify(instance));
          bytes[position % bytes.length] = byte;
          const fast = reading(bytes);
          const reference = referenceReading(bytes);
          expect(fast).toEqual(reference);
          if (fast instanceof Error) expect(fast.message).toBe((reference as Error).message);
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each([
    ['a repeated preference', JSON.stringify(plain).replace('["s2","s1"]', '["s2","s2"]')],
    ['a repeated id', JSON.stringify(plain).replace('"id":"s2"', '"id":"s1"')],
    ['a huge capacity', JSON.stringify(plain).replace('"capacity":3', '"capacity":1234567890123')],
  ])('reads %s as the reference path does', (_, text) => {
    expect(reading(bytesOf(text))).toEqual(referenceReading(bytesOf(text)));
  });

  it('reports an empty file and a file that is not JSON', () => {
    expect(reading(bytesOf(' \n'))).toMatchObject({ rule: 'empty' });
    expect(reading(bytesOf('{"students": ['))).toMatchObject({ rule: 'not_json' });
  });
});
