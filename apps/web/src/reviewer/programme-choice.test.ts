import { describe, expect, it } from 'vitest';
import type { Programme } from '../api/types';
import { chosenLabels, groupBySchool, toggle } from './programme-choice';

const next = { id: 'next', name: 'NEXT' };
const absalon = { id: 'absalon', name: 'Professionshøjskolen Absalon' };
const programme = (id: string, name: string, school: Programme['school']): Programme => ({
  id,
  code: name.toLowerCase(),
  name,
  level: 'vocational',
  school,
});
const all = [
  programme('p1', 'Procesoperatør', next),
  programme('p2', 'Laborant', next),
  programme('p3', 'Bioanalytiker', absalon),
  programme('p4', 'Laborant', absalon),
];

describe('the programmes a slot form offers', () => {
  it('groups them by school, schools and programmes in Danish alphabetical order', () => {
    expect(groupBySchool(all).map((g) => [g.school.name, g.programmes.map((p) => p.id)])).toEqual([
      ['NEXT', ['p2', 'p1']],
      ['Professionshøjskolen Absalon', ['p3', 'p4']],
    ]);
  });

  it('narrows them by name, code or school, ignoring case, and drops empty schools', () => {
    expect(groupBySchool(all, ' LABOR ').map((g) => g.programmes.map((p) => p.id))).toEqual([
      ['p2'],
      ['p4'],
    ]);
    expect(groupBySchool(all, 'absalon').map((g) => g.school.id)).toEqual(['absalon']);
    expect(groupBySchool(all, 'smed')).toEqual([]);
  });

  it('names the chosen ones with their school, so two "Laborant" can be told apart', () => {
    expect(chosenLabels(all, ['p4', 'p2'])).toEqual([
      'Laborant (NEXT)',
      'Laborant (Professionshøjskolen Absalon)',
    ]);
    expect(chosenLabels(all, [])).toEqual([]);
  });

  it('ticks and unticks one programme without touching the others', () => {
    expect(toggle(['p1'], 'p2', true)).toEqual(['p1', 'p2']);
    expect(toggle(['p1', 'p2'], 'p1', false)).toEqual(['p2']);
    expect(toggle(['p1'], 'p1', true)).toEqual(['p1']);
  });
});
