import { groupByFields, STUDENTS_PER_ROW } from './access-log.service';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('groupByFields', () => {
  it('puts students read for the same fields in one group, each once', () => {
    const groups = groupByFields([
      { studentId: id(1), fields: ['fullName', 'email'] },
      { studentId: id(2), fields: ['fullName'] },
      { studentId: id(3), fields: ['fullName', 'email'] },
      { studentId: id(1), fields: ['fullName', 'email'] },
    ]);
    expect(groups).toEqual([
      { fields: 'fullName,email', studentIds: [id(1), id(3)] },
      { fields: 'fullName', studentIds: [id(2)] },
    ]);
  });

  it('splits a long list into rows the table accepts', () => {
    const entries = Array.from({ length: STUDENTS_PER_ROW * 2 + 1 }, (_, n) => ({
      studentId: id(n),
      fields: ['fullName'],
    }));
    const groups = groupByFields(entries);
    expect(groups.map((group) => group.studentIds.length)).toEqual([
      STUDENTS_PER_ROW,
      STUDENTS_PER_ROW,
      1,
    ]);
    expect(groups.flatMap((group) => group.studentIds)).toEqual(entries.map((e) => e.studentId));
  });

  it('has nothing to write for nothing read', () => {
    expect(groupByFields([])).toEqual([]);
  });
});
