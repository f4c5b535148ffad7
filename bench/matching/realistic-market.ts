/**
 * Seeded markets shaped like a real round, for the matching benchmark: slot popularity is
 * skewed (Zipf-like, a few employers are wanted by many), students rank popular slots first
 * more often (weighted draws without replacement, so preferences are correlated), and every
 * slot ranks all students who ranked it by one shared quality score plus its own noise.
 */
import { MatchingInstance, SlotPreferences, StudentPreferences } from '@app/matching';

export interface MarketShape {
  readonly students: number;
  readonly slots: number;
  readonly preferencesPerStudent: number;
}

/** How skewed popularity is: weight of the k-th most popular slot is 1 / k^exponent. */
const POPULARITY_EXPONENT = 0.8;
/** Spread of a slot's own view of a student, against a shared quality of spread 1. */
const SLOT_NOISE = 0.6;
const MAX_CAPACITY = 7;

export function generateMarket(shape: MarketShape, seed: number): MatchingInstance {
  const random = splitmix32(seed);
  const choices = drawStudentChoices(shape, random);
  const quality = Float64Array.from({ length: shape.students }, () => gaussian(random));
  const students: StudentPreferences[] = [];
  for (let student = 0; student < shape.students; student++) {
    const row = choices.subarray(
      student * shape.preferencesPerStudent,
      (student + 1) * shape.preferencesPerStudent,
    );
    students.push({ id: studentId(student), preferences: Array.from(row, slotId) });
  }
  const applicants = applicantsBySlot(choices, shape);
  const slots: SlotPreferences[] = applicants.map((list, slot) => ({
    id: slotId(slot),
    capacity: 1 + Math.floor(random() * MAX_CAPACITY),
    preferences: rankApplicants(list, quality, random).map(studentId),
  }));
  return { students, slots };
}

function studentId(index: number): string {
  return `student-${index}`;
}

function slotId(index: number): string {
  return `slot-${index}`;
}

/** Each student's slots, most preferred first, as one flat array of students x k. */
function drawStudentChoices(shape: MarketShape, random: () => number): Int32Array {
  const cumulative = popularityCumulative(shape.slots, random);
  const k = Math.min(shape.preferencesPerStudent, shape.slots);
  const choices = new Int32Array(shape.students * k);
  for (let student = 0; student < shape.students; student++) {
    const row = choices.subarray(student * k, (student + 1) * k);
    for (let position = 0; position < k; position++) {
      let slot: number;
      do slot = drawWeighted(cumulative, random());
      while (row.subarray(0, position).includes(slot));
      row[position] = slot;
    }
  }
  return choices;
}

/** Cumulative Zipf weights over the slots in a random order. */
function popularityCumulative(slots: number, random: () => number): Float64Array {
  const order = Int32Array.from({ length: slots }, (_, i) => i);
  for (let i = slots - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const weights = new Float64Array(slots);
  order.forEach((slot, popularityRank) => {
    weights[slot] = 1 / Math.pow(popularityRank + 1, POPULARITY_EXPONENT);
  });
  for (let slot = 1; slot < slots; slot++) weights[slot] += weights[slot - 1];
  return weights;
}

function drawWeighted(cumulative: Float64Array, uniform: number): number {
  const target = uniform * cumulative[cumulative.length - 1];
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cumulative[middle] > target) high = middle;
    else low = middle + 1;
  }
  return low;
}

function applicantsBySlot(choices: Int32Array, shape: MarketShape): number[][] {
  const applicants: number[][] = Array.from({ length: shape.slots }, () => []);
  const k = choices.length / shape.students;
  choices.forEach((slot, entry) => applicants[slot].push(Math.floor(entry / k)));
  return applicants;
}

function rankApplicants(list: number[], quality: Float64Array, random: () => number): number[] {
  const score = new Map(
    list.map((student) => [student, quality[student] + SLOT_NOISE * gaussian(random)]),
  );
  return list.sort((a, b) => (score.get(b) ?? 0) - (score.get(a) ?? 0));
}

/** splitmix32: a small, fast, well-mixed seeded generator; uniform in [0, 1). */
export function splitmix32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
}

/** Standard normal by Box–Muller. */
function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
