/** Gives an instance's students and slots other ids, keeping its structure. */
import { MatchingInstance } from '../instance';

export function renameIds(
  instance: MatchingInstance,
  studentNames: readonly string[],
  slotNames: readonly string[],
): MatchingInstance {
  const student = new Map(instance.students.map((entry, index) => [entry.id, studentNames[index]]));
  const slot = new Map(instance.slots.map((entry, index) => [entry.id, slotNames[index]]));
  const renamed = (names: Map<string, string>, id: string) => names.get(id) ?? id;
  return {
    students: instance.students.map((entry) => ({
      id: renamed(student, entry.id),
      preferences: entry.preferences.map((id) => renamed(slot, id)),
    })),
    slots: instance.slots.map((entry) => ({
      id: renamed(slot, entry.id),
      capacity: entry.capacity,
      preferences: entry.preferences.map((id) => renamed(student, id)),
    })),
  };
}
