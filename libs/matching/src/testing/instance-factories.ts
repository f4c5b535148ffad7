/** Factories for small hand-written instances in tests. */
import { MatchingInstance, SlotPreferences, StudentPreferences } from '../instance';

export function aStudent(id: string, preferences: string[]): StudentPreferences {
  return { id, preferences };
}

export function aSlot(id: string, capacity: number, preferences: string[]): SlotPreferences {
  return { id, capacity, preferences };
}

export function anInstance(
  students: StudentPreferences[],
  slots: SlotPreferences[],
): MatchingInstance {
  return { students, slots };
}
