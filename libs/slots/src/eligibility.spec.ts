import { ageOn, checkEligibility, EligibilitySlot, EligibilityStudent } from './eligibility';

const student: EligibilityStudent = {
  programmeId: 'laborant',
  birthDate: '2008-03-15',
  languages: ['da', 'en'],
  availableFrom: '2027-02-01',
  availableTo: '2027-06-30',
};

const slot: EligibilitySlot = {
  programmeIds: [],
  minAge: null,
  language: null,
  startsOn: '2027-03-01',
  endsOn: '2027-05-31',
  status: 'open',
};

const codes = (s: Partial<EligibilityStudent>, t: Partial<EligibilitySlot>) =>
  checkEligibility({ ...student, ...s }, { ...slot, ...t }).reasons.map((r) => r.code);

describe('checkEligibility', () => {
  it('admits a student to an open slot without requirements', () => {
    expect(checkEligibility(student, slot)).toEqual({ eligible: true, reasons: [] });
  });

  it('treats an empty programme list as open to every programme', () => {
    expect(codes({}, { programmeIds: [] })).toEqual([]);
    expect(codes({}, { programmeIds: ['bioanalytiker', 'laborant'] })).toEqual([]);
  });

  it("refuses a slot that does not list the student's programme", () => {
    expect(codes({}, { programmeIds: ['maskinmester'] })).toEqual(['programme']);
  });

  it.each([
    ['ends before the student is available', '2026-11-01', '2027-01-31', ['period']],
    ['starts after the student is available', '2027-07-01', '2027-08-31', ['period']],
    ['ends on the first available day', '2027-01-01', '2027-02-01', []],
    ['starts on the last available day', '2027-06-30', '2027-08-31', []],
    ['covers the whole available period', '2027-01-01', '2027-12-31', []],
  ])('judges a slot that %s', (_case, startsOn, endsOn, expected) => {
    expect(codes({}, { startsOn, endsOn })).toEqual(expected);
  });

  it.each([
    ['turns the minimum age the day the slot starts', '2009-03-01', []],
    ['turns the minimum age the day after the slot starts', '2009-03-02', ['minimum_age']],
    ['is well above the minimum age', '2000-01-01', []],
  ])('judges a student who %s', (_case, birthDate, expected) => {
    expect(codes({ birthDate }, { minAge: 18, startsOn: '2027-03-01' })).toEqual(expected);
  });

  it('requires the slot language among the student languages', () => {
    expect(codes({}, { language: 'de' })).toEqual(['language']);
    expect(codes({}, { language: 'en' })).toEqual([]);
  });

  it('refuses a closed slot', () => {
    expect(codes({}, { status: 'closed' })).toEqual(['closed']);
  });

  it('gives every reason at once, each with a readable message', () => {
    const result = checkEligibility(
      { ...student, birthDate: '2015-01-01' },
      {
        programmeIds: ['other'],
        minAge: 18,
        language: 'de',
        startsOn: '2028-01-01',
        endsOn: '2028-02-01',
        status: 'closed',
      },
    );
    expect(result.eligible).toBe(false);
    expect(result.reasons.map((r) => r.code)).toEqual([
      'closed',
      'programme',
      'period',
      'minimum_age',
      'language',
    ]);
    expect(result.reasons.every((r) => r.message.length > 0)).toBe(true);
  });
});

describe('ageOn', () => {
  it('counts completed years', () => {
    expect(ageOn('2008-03-15', '2027-03-14')).toBe(18);
    expect(ageOn('2008-03-15', '2027-03-15')).toBe(19);
  });

  it('ages someone born on 29 February on 1 March in a common year', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
  });
});
