/** Reorderings that must not change a matching: entries and object keys shuffled by a seed. */
import { MatchingInstance } from '../instance';

/** Same instance, with students, slots and each object's keys in a seeded random order. */
export function reorderInstance(instance: MatchingInstance, seed: number): MatchingInstance {
  const random = seededRandom(seed);
  return {
    slots: shuffle(instance.slots, random).map((slot) =>
      random() < 0.5
        ? { preferences: slot.preferences, capacity: slot.capacity, id: slot.id }
        : { capacity: slot.capacity, id: slot.id, preferences: slot.preferences },
    ),
    students: shuffle(instance.students, random).map((student) =>
      random() < 0.5 ? { preferences: student.preferences, id: student.id } : student,
    ),
  };
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) | 0;
    return (state >>> 0) / 4294967296;
  };
}
