/**
 * Validates an instance against docs/contracts/matching-instance.md and compiles it into a Market
 * in a few linear passes: ids are looked up in a Map once per entry, never in the proposal
 * loop. Unknown extra fields are ignored, so the contract can grow without breaking readers.
 */
import { InstanceRule, InstanceSide, InvalidInstanceError } from './invalid-instance.error';
import { Market, PreferenceTable } from './market';
import { linkMutualEntries } from './mutual-entries';

type JsonObject = Readonly<Record<string, unknown>>;

interface IdIndex {
  readonly side: InstanceSide;
  readonly records: readonly JsonObject[];
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
}

const MAX_INT32 = 0x7fffffff;

export function compileMarket(input: unknown): Market {
  if (!isJsonObject(input)) {
    throw new InvalidInstanceError('not_object', 'the instance must be a JSON object');
  }
  const students = indexIds(requireArray(input, 'students'), 'student');
  const slots = indexIds(requireArray(input, 'slots'), 'slot');
  const capacities = readCapacities(slots);
  const studentTable = readPreferenceTable(students, slots);
  const slotTable = readPreferenceTable(slots, students);
  linkMutualEntries(studentTable, slotTable);
  return {
    studentIds: students.ids,
    slotIds: slots.ids,
    capacities,
    students: studentTable,
    slots: slotTable,
  };
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireArray(root: JsonObject, field: 'students' | 'slots'): readonly unknown[] {
  const value = root[field];
  if (!Array.isArray(value)) {
    const rule: InstanceRule = field === 'students' ? 'students_not_array' : 'slots_not_array';
    throw new InvalidInstanceError(rule, `"${field}" must be an array`);
  }
  return value;
}

function indexIds(entries: readonly unknown[], side: InstanceSide): IdIndex {
  const records: JsonObject[] = new Array<JsonObject>(entries.length);
  const ids: string[] = new Array<string>(entries.length);
  const indexOf = new Map<string, number>();
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    if (!isJsonObject(entry)) {
      throw new InvalidInstanceError('entry_not_object', 'entry is not an object', {
        side,
        id: null,
        index,
      });
    }
    const id = readId(entry, side, index);
    if (indexOf.has(id)) {
      throw new InvalidInstanceError('duplicate_id', `id is used by another ${side}`, {
        side,
        id,
        index,
      });
    }
    indexOf.set(id, index);
    records[index] = entry;
    ids[index] = id;
  }
  return { side, records, ids, indexOf };
}

function readId(entry: JsonObject, side: InstanceSide, index: number): string {
  const id = entry.id;
  if (typeof id !== 'string') {
    throw new InvalidInstanceError('id_not_string', 'id must be a string', {
      side,
      id: null,
      index,
    });
  }
  if (id.length === 0) {
    throw new InvalidInstanceError('id_empty', 'id must not be empty', { side, id: null, index });
  }
  return id;
}

function readCapacities(slots: IdIndex): Int32Array {
  const capacities = new Int32Array(slots.ids.length);
  for (let index = 0; index < capacities.length; index++) {
    const capacity = slots.records[index].capacity;
    const location = { side: slots.side, id: slots.ids[index], index };
    if (typeof capacity !== 'number' || !Number.isInteger(capacity)) {
      throw new InvalidInstanceError(
        'capacity_not_integer',
        'capacity must be an integer',
        location,
      );
    }
    if (capacity < 1) {
      throw new InvalidInstanceError('capacity_below_one', 'capacity must be at least 1', location);
    }
    capacities[index] = Math.min(capacity, MAX_INT32);
  }
  return capacities;
}

/** Resolves every owner's list to indices on the other side, rejecting unknown and repeated ids. */
function readPreferenceTable(owners: IdIndex, other: IdIndex): PreferenceTable {
  const lists = readLists(owners);
  const offsets = new Int32Array(lists.length + 1);
  for (let owner = 0; owner < lists.length; owner++) {
    offsets[owner + 1] = offsets[owner] + lists[owner].length;
  }
  const listed = new Int32Array(offsets[lists.length]);
  // lastListedBy[x] === owner means x already appears in owner's list: repeats cost O(1).
  const lastListedBy = new Int32Array(other.ids.length).fill(-1);
  for (let owner = 0; owner < lists.length; owner++) {
    const list = lists[owner];
    const start = offsets[owner];
    for (let position = 0; position < list.length; position++) {
      const target = resolvePreference(list[position], position, owners, owner, other);
      if (lastListedBy[target] === owner) {
        throw preferenceError(
          owners,
          owner,
          'repeated_preference',
          list[position],
          'appears twice',
        );
      }
      lastListedBy[target] = owner;
      listed[start + position] = target;
    }
  }
  return { offsets, listed, rankThere: new Int32Array(listed.length).fill(-1) };
}

function readLists(owners: IdIndex): (readonly unknown[])[] {
  return owners.records.map((record, index) => {
    const preferences = record.preferences;
    if (!Array.isArray(preferences)) {
      throw new InvalidInstanceError(
        'preferences_not_array',
        `preferences must be an array of ${owners.side === 'student' ? 'slot' : 'student'} ids`,
        { side: owners.side, id: owners.ids[index], index },
      );
    }
    return preferences;
  });
}

function resolvePreference(
  value: unknown,
  position: number,
  owners: IdIndex,
  owner: number,
  other: IdIndex,
): number {
  if (typeof value !== 'string') {
    throw new InvalidInstanceError(
      'preference_not_string',
      `preference at position ${position + 1} is not a string`,
      { side: owners.side, id: owners.ids[owner], index: owner },
    );
  }
  const target = other.indexOf.get(value);
  if (target === undefined) {
    throw preferenceError(
      owners,
      owner,
      'unknown_preference',
      value,
      `is not a known ${other.side}`,
    );
  }
  return target;
}

function preferenceError(
  owners: IdIndex,
  owner: number,
  rule: InstanceRule,
  value: unknown,
  problem: string,
): InvalidInstanceError {
  return new InvalidInstanceError(rule, `preference ${JSON.stringify(value)} ${problem}`, {
    side: owners.side,
    id: owners.ids[owner],
    index: owner,
  });
}
