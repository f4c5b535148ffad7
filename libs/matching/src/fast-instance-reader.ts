/**
 * The fast way from instance bytes to a Market. JSON.parse followed by compileMarket builds an
 * object per entry and a string per preference, then hashes every one of them into a Map:
 * at 100k students that is most of the command's time and memory. This reader scans the
 * bytes once, keeps each preference as a byte range with its hash, and resolves ranges
 * through byte-keyed hash tables, creating strings only for the ids themselves.
 *
 * It takes the common case only: no escapes in strings, no fields beyond the contract's,
 * capacities written as plain integers, and a valid instance. For anything else it returns
 * null and the caller uses the reference path, which also words the errors.
 */
import { ByteIdTable, ByteRanges } from './byte-id-table';
import { IntList } from './int-list';
import {
  asciiBytes,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  JsonBytesScanner,
  OPEN_BRACE,
  OPEN_BRACKET,
  OUTSIDE_FAST_PATH,
  StringSink,
} from './json-bytes-scanner';
import { Market, PreferenceTable } from './market';
import { linkMutualEntries } from './mutual-entries';

const STUDENTS_KEY = asciiBytes('students');
const SLOTS_KEY = asciiBytes('slots');
const ID_KEY = asciiBytes('id');
const PREFERENCES_KEY = asciiBytes('preferences');
const CAPACITY_KEY = asciiBytes('capacity');

/** Fields of an entry, as bits, to catch missing and repeated ones. */
const ID = 1;
const PREFERENCES = 2;
const CAPACITY = 4;

/** One side of the instance as scanned: byte ranges, not yet resolved. */
class ScannedSide {
  readonly ids = new RangeList();
  readonly capacities = new IntList();
  /** Entry i's preferences are preferences[listOffsets[i] .. listOffsets[i + 1] - 1]. */
  readonly listOffsets = new IntList();
  readonly preferences = new RangeList();

  constructor(readonly hasCapacity: boolean) {
    this.listOffsets.push(0);
  }
}

class RangeList implements StringSink {
  readonly start = new IntList();
  readonly end = new IntList();
  readonly hash = new IntList();

  add(start: number, end: number, hash: number): void {
    this.start.push(start);
    this.end.push(end);
    this.hash.push(hash);
  }

  view(): ByteRanges {
    return { start: this.start.view(), end: this.end.view(), hash: this.hash.view() };
  }
}

/** The compiled market, or null when the bytes need the reference path. */
export function readMarketFast(bytes: Uint8Array): Market | null {
  try {
    const scanner = new JsonBytesScanner(bytes);
    const { students, slots } = scanDocument(scanner);
    return buildMarket(bytes, students, slots);
  } catch (error) {
    if (error === OUTSIDE_FAST_PATH) return null;
    throw error;
  }
}

function scanDocument(scanner: JsonBytesScanner): { students: ScannedSide; slots: ScannedSide } {
  let students: ScannedSide | null = null;
  let slots: ScannedSide | null = null;
  scanner.expect(OPEN_BRACE);
  do {
    scanner.readString();
    const isStudents = scanner.stringEquals(STUDENTS_KEY);
    const isSlots = scanner.stringEquals(SLOTS_KEY);
    scanner.expect(COLON);
    if (isStudents && students === null) students = scanSide(scanner, false);
    else if (isSlots && slots === null) slots = scanSide(scanner, true);
    else throw OUTSIDE_FAST_PATH;
  } while (scanner.comma());
  scanner.expect(CLOSE_BRACE);
  scanner.expectEnd();
  if (students === null || slots === null) throw OUTSIDE_FAST_PATH;
  return { students, slots };
}

function scanSide(scanner: JsonBytesScanner, hasCapacity: boolean): ScannedSide {
  const side = new ScannedSide(hasCapacity);
  scanner.expect(OPEN_BRACKET);
  if (!scanner.nextIs(CLOSE_BRACKET)) {
    do scanEntry(scanner, side);
    while (scanner.comma());
  }
  scanner.expect(CLOSE_BRACKET);
  return side;
}

function scanEntry(scanner: JsonBytesScanner, side: ScannedSide): void {
  let seen = 0;
  scanner.expect(OPEN_BRACE);
  do {
    scanner.readString();
    const field = fieldOf(scanner, side.hasCapacity);
    if (field === 0 || (seen & field) !== 0) throw OUTSIDE_FAST_PATH;
    seen |= field;
    scanner.expect(COLON);
    if (field === ID) scanId(scanner, side);
    else if (field === PREFERENCES) scanPreferences(scanner, side);
    else side.capacities.push(scanner.readPositiveInteger());
  } while (scanner.comma());
  scanner.expect(CLOSE_BRACE);
  const required = side.hasCapacity ? ID | PREFERENCES | CAPACITY : ID | PREFERENCES;
  if (seen !== required) throw OUTSIDE_FAST_PATH;
}

function fieldOf(scanner: JsonBytesScanner, hasCapacity: boolean): number {
  if (scanner.stringEquals(ID_KEY)) return ID;
  if (scanner.stringEquals(PREFERENCES_KEY)) return PREFERENCES;
  if (hasCapacity && scanner.stringEquals(CAPACITY_KEY)) return CAPACITY;
  return 0;
}

function scanId(scanner: JsonBytesScanner, side: ScannedSide): void {
  scanner.readString();
  if (scanner.stringEnd === scanner.stringStart) throw OUTSIDE_FAST_PATH;
  side.ids.add(scanner.stringStart, scanner.stringEnd, scanner.stringHash);
}

function scanPreferences(scanner: JsonBytesScanner, side: ScannedSide): void {
  scanner.readStringArray(side.preferences);
  side.listOffsets.push(side.preferences.start.length);
}

function buildMarket(bytes: Uint8Array, students: ScannedSide, slots: ScannedSide): Market {
  const studentIds = students.ids.view();
  const slotIds = slots.ids.view();
  const studentTable = resolveSide(bytes, students, new ByteIdTable(bytes, slotIds));
  const slotTable = resolveSide(bytes, slots, new ByteIdTable(bytes, studentIds));
  linkMutualEntries(studentTable, slotTable);
  return {
    studentIds: decodeIds(bytes, studentIds),
    slotIds: decodeIds(bytes, slotIds),
    capacities: slots.capacities.view().slice(),
    students: studentTable,
    slots: slotTable,
  };
}

/** Preferences to indices; an unknown or repeated one leaves the fast path. */
function resolveSide(bytes: Uint8Array, side: ScannedSide, targets: ByteIdTable): PreferenceTable {
  const offsets = side.listOffsets.view().slice();
  const { start, end, hash } = side.preferences.view();
  const listed = new Int32Array(start.length);
  const lastListedBy = new Int32Array(targets.count).fill(-1);
  for (let owner = 0; owner < offsets.length - 1; owner++) {
    for (let entry = offsets[owner]; entry < offsets[owner + 1]; entry++) {
      const target = targets.find(bytes, start[entry], end[entry], hash[entry]);
      if (target < 0 || lastListedBy[target] === owner) throw OUTSIDE_FAST_PATH;
      lastListedBy[target] = owner;
      listed[entry] = target;
    }
  }
  return { offsets, listed, rankThere: new Int32Array(listed.length).fill(-1) };
}

const utf8 = new TextDecoder();

function decodeIds(bytes: Uint8Array, ids: ByteRanges): string[] {
  const decoded = new Array<string>(ids.start.length);
  for (let index = 0; index < decoded.length; index++) {
    decoded[index] = decodeId(bytes, ids.start[index], ids.end[index]);
  }
  return decoded;
}

/** Short ASCII ids, the usual kind, skip the decoder's per-call cost. */
function decodeId(bytes: Uint8Array, start: number, end: number): string {
  if (end - start > 64) return utf8.decode(bytes.subarray(start, end));
  let text = '';
  for (let position = start; position < end; position++) {
    if (bytes[position] >= 0x80) return utf8.decode(bytes.subarray(start, end));
    text += String.fromCharCode(bytes[position]);
  }
  return text;
}
