import { scoreApplicant } from './scoring';

const student = {
  programmeId: 'laborant',
  skills: ['HPLC', ' gmp', 'Pipettering'],
  languages: ['da'],
  interests: ['biotech-production'],
};
const slot = {
  programmeIds: ['laborant', 'bioanalytiker'],
  skills: ['hplc', 'GMP', 'PCR'],
  language: 'da',
  focusArea: 'biotech-production',
};

describe('scoreApplicant', () => {
  it('adds programme, shared skills, language and interest, each visible', () => {
    expect(scoreApplicant(student, slot)).toEqual({
      programme: 3,
      skills: 4,
      language: 1,
      interests: 2,
      total: 10,
    });
  });

  it('gives a smaller programme part when the slot is open to every programme', () => {
    expect(scoreApplicant(student, { ...slot, programmeIds: [] }).programme).toBe(1);
  });

  it('gives nothing for a language the student does not speak or an interest they lack', () => {
    const parts = scoreApplicant(student, {
      ...slot,
      language: 'en',
      focusArea: 'green-transition',
    });
    expect(parts).toMatchObject({ language: 0, interests: 0 });
  });

  it('counts a skill once however it is written', () => {
    expect(scoreApplicant({ ...student, skills: ['HPLC', 'hplc '] }, slot).skills).toBe(2);
  });
});
