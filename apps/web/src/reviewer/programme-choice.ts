import type { Named, Programme } from '../api/types';

export interface SchoolProgrammes {
  school: Named;
  programmes: Programme[];
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'da');

/**
 * The programmes a slot form offers, by school, each school and its programmes by name. A
 * search narrows them by programme name, code or school name; schools left empty go.
 */
export function groupBySchool(programmes: Programme[], search = ''): SchoolProgrammes[] {
  const needle = search.trim().toLocaleLowerCase('da');
  const matches = (p: Programme) =>
    !needle ||
    [p.name, p.code, p.school.name].some((text) => text.toLocaleLowerCase('da').includes(needle));
  const groups = new Map<string, SchoolProgrammes>();
  for (const programme of programmes.filter(matches)) {
    const group = groups.get(programme.school.id) ?? { school: programme.school, programmes: [] };
    group.programmes.push(programme);
    groups.set(programme.school.id, group);
  }
  return [...groups.values()]
    .sort((a, b) => byName(a.school, b.school))
    .map((group) => ({ ...group, programmes: [...group.programmes].sort(byName) }));
}

/** The chosen programmes as "name (school)", in the order of the list, for a summary. */
export function chosenLabels(programmes: Programme[], chosen: readonly string[]): string[] {
  const picked = new Set(chosen);
  return groupBySchool(programmes)
    .flatMap((group) => group.programmes)
    .filter((p) => picked.has(p.id))
    .map((p) => `${p.name} (${p.school.name})`);
}

/** Ticks or unticks one programme, keeping the others in their order. */
export function toggle(chosen: readonly string[], id: string, on: boolean): string[] {
  const others = chosen.filter((c) => c !== id);
  return on ? [...others, id] : others;
}
