import { InstanceRule, InvalidInstanceError } from './invalid-instance.error';
import { compileMarket } from './market-compiler';
import { aSlot, aStudent, anInstance } from './testing/instance-factories';

function compileError(input: unknown): InvalidInstanceError {
  try {
    compileMarket(input);
  } catch (error) {
    if (error instanceof InvalidInstanceError) return error;
    throw error;
  }
  throw new Error('the instance was accepted');
}

const validSlot = { id: 'c1', capacity: 1, preferences: ['s1'] };
const validStudent = { id: 's1', preferences: ['c1'] };

describe('compileMarket', () => {
  it('lays out both sides in CSR form with each side’s rank of the other', () => {
    const market = compileMarket(
      anInstance(
        [aStudent('s1', ['c2', 'c1']), aStudent('s2', ['c1'])],
        [aSlot('c1', 2, ['s2', 's1']), aSlot('c2', 1, ['s1'])],
      ),
    );

    expect(market.studentIds).toEqual(['s1', 's2']);
    expect(market.slotIds).toEqual(['c1', 'c2']);
    expect(Array.from(market.capacities)).toEqual([2, 1]);
    expect(Array.from(market.students.offsets)).toEqual([0, 2, 3]);
    expect(Array.from(market.students.listed)).toEqual([1, 0, 0]);
    expect(Array.from(market.students.rankThere)).toEqual([0, 1, 0]);
    expect(Array.from(market.slots.offsets)).toEqual([0, 2, 3]);
    expect(Array.from(market.slots.listed)).toEqual([1, 0, 0]);
    expect(Array.from(market.slots.rankThere)).toEqual([0, 1, 0]);
  });

  it('marks one-sided entries with -1 instead of rejecting them', () => {
    const market = compileMarket(
      anInstance([aStudent('s1', ['c1', 'c2'])], [aSlot('c1', 1, []), aSlot('c2', 1, ['s1'])]),
    );

    expect(Array.from(market.students.rankThere)).toEqual([-1, 0]);
    expect(Array.from(market.slots.rankThere)).toEqual([1]);
  });

  it('ignores fields the contract does not define', () => {
    const market = compileMarket({
      version: 2,
      students: [{ ...validStudent, name: 'Ada' }],
      slots: [{ ...validSlot, company: 'Novozymes' }],
    });

    expect(market.studentIds).toEqual(['s1']);
  });

  it('lets a student and a slot share an id', () => {
    const market = compileMarket(anInstance([aStudent('x', ['x'])], [aSlot('x', 1, ['x'])]));

    expect(Array.from(market.students.rankThere)).toEqual([0]);
  });

  it('caps huge capacities at the largest 32-bit integer', () => {
    const market = compileMarket(anInstance([], [aSlot('c1', 2 ** 40, [])]));

    expect(market.capacities[0]).toBe(0x7fffffff);
  });

  const invalid: [string, unknown, InstanceRule, string | null][] = [
    ['a non-object', [], 'not_object', null],
    ['null', null, 'not_object', null],
    ['missing students', { slots: [] }, 'students_not_array', null],
    ['slots that are not an array', { students: [], slots: {} }, 'slots_not_array', null],
    ['an entry that is not an object', { students: ['s1'], slots: [] }, 'entry_not_object', null],
    ['a missing id', { students: [{ preferences: [] }], slots: [] }, 'id_not_string', null],
    [
      'a numeric id',
      { students: [], slots: [{ id: 7, capacity: 1, preferences: [] }] },
      'id_not_string',
      null,
    ],
    ['an empty id', { students: [{ id: '', preferences: [] }], slots: [] }, 'id_empty', null],
    [
      'a duplicate student id',
      { students: [validStudent, validStudent], slots: [validSlot] },
      'duplicate_id',
      's1',
    ],
    [
      'a duplicate slot id',
      { students: [validStudent], slots: [validSlot, validSlot] },
      'duplicate_id',
      'c1',
    ],
    [
      'capacity 0',
      { students: [], slots: [{ ...validSlot, capacity: 0, preferences: [] }] },
      'capacity_below_one',
      'c1',
    ],
    [
      'a negative capacity',
      { students: [], slots: [{ ...validSlot, capacity: -2, preferences: [] }] },
      'capacity_below_one',
      'c1',
    ],
    [
      'a fractional capacity',
      { students: [], slots: [{ ...validSlot, capacity: 1.5, preferences: [] }] },
      'capacity_not_integer',
      'c1',
    ],
    [
      'a capacity in a string',
      { students: [], slots: [{ ...validSlot, capacity: '2', preferences: [] }] },
      'capacity_not_integer',
      'c1',
    ],
    [
      'a missing capacity',
      { students: [], slots: [{ id: 'c1', preferences: [] }] },
      'capacity_not_integer',
      'c1',
    ],
    ['missing preferences', { students: [{ id: 's1' }], slots: [] }, 'preferences_not_array', 's1'],
    [
      'preferences as a string',
      { students: [{ id: 's1', preferences: 'c1' }], slots: [validSlot] },
      'preferences_not_array',
      's1',
    ],
    [
      'a preference that is not a string',
      { students: [{ id: 's1', preferences: [1] }], slots: [validSlot] },
      'preference_not_string',
      's1',
    ],
    [
      'an unknown slot',
      { students: [{ id: 's1', preferences: ['c9'] }], slots: [validSlot] },
      'unknown_preference',
      's1',
    ],
    [
      'an unknown student',
      { students: [validStudent], slots: [{ ...validSlot, preferences: ['s9'] }] },
      'unknown_preference',
      'c1',
    ],
    [
      'a repeated slot',
      { students: [{ id: 's1', preferences: ['c1', 'c1'] }], slots: [validSlot] },
      'repeated_preference',
      's1',
    ],
    [
      'a repeated student',
      { students: [validStudent], slots: [{ ...validSlot, preferences: ['s1', 's1'] }] },
      'repeated_preference',
      'c1',
    ],
  ];

  it.each(invalid)('rejects %s with a typed error naming the id and rule', (_, input, rule, id) => {
    const error = compileError(input);

    expect(error.rule).toBe(rule);
    expect(error.id).toBe(id);
    expect(error.message).toContain(`(${rule})`);
    if (id !== null) expect(error.message).toContain(JSON.stringify(id));
    expect(error.message).not.toContain('\n');
  });

  it('names an entry without a usable id by its position', () => {
    const error = compileError({ students: [validStudent, { id: 3, preferences: [] }], slots: [] });

    expect(error).toMatchObject({ side: 'student', index: 1, id: null });
    expect(error.message).toBe(
      'invalid instance: student students[1]: id must be a string (id_not_string)',
    );
  });

  it('words an unknown preference with both ids', () => {
    const error = compileError({
      students: [{ id: 's1', preferences: ['c9'] }],
      slots: [validSlot],
    });

    expect(error.message).toBe(
      'invalid instance: student "s1": preference "c9" is not a known slot (unknown_preference)',
    );
  });

  it('keeps the message on one line when an id holds a line break', () => {
    const error = compileError({
      students: [],
      slots: [{ id: 'a\nb', capacity: 0, preferences: [] }],
    });

    expect(error.message).toBe(
      'invalid instance: slot "a\\nb": capacity must be at least 1 (capacity_below_one)',
    );
  });
});
