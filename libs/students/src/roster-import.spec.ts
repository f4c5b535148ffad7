import { CreateStudentDto } from './dto/student.dto';
import { RosterCurrent, rosterChanges } from './roster-import';

const current: RosterCurrent = {
  fullName: 'Mads Holm',
  programmeId: 'p1',
  birthDate: '2006-03-04',
  languages: ['da', 'en'],
  availableFrom: '2027-02-01',
  availableTo: '2027-06-30',
  expectedCompletion: '2028-06',
};
const row = (fields: Partial<CreateStudentDto> = {}): CreateStudentDto => ({
  email: 'mads@test.example',
  fullName: 'Mads Holm',
  programmeId: 'p1',
  birthDate: '2006-03-04',
  availableFrom: '2027-02-01',
  availableTo: '2027-06-30',
  ...fields,
});

describe('rosterChanges', () => {
  it('finds nothing to change in a row that says what the student has', () => {
    expect(
      rosterChanges(current, row({ languages: ['en', 'da'], expectedCompletion: '2028-06' })),
    ).toEqual({});
  });

  it('leaves languages and expected completion alone when their cells are empty', () => {
    expect(rosterChanges(current, row())).toEqual({});
  });

  it('names every field the row changes, with its new value', () => {
    expect(
      rosterChanges(
        current,
        row({
          programmeId: 'p2',
          availableTo: '2027-12-20',
          languages: ['da'],
          expectedCompletion: '2029-01',
        }),
      ),
    ).toEqual({
      programmeId: 'p2',
      availableTo: '2027-12-20',
      languages: ['da'],
      expectedCompletion: '2029-01',
    });
  });
});
