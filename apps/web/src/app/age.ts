/** Whole years from a birth date ("2008-05-17") to a day, as a birthday counts them. */
export function ageOn(birthDate: string, day: Date): number {
  const [year, month, date] = birthDate.split('-').map(Number);
  const age = day.getFullYear() - year;
  const hadBirthday =
    day.getMonth() + 1 > month || (day.getMonth() + 1 === month && day.getDate() >= date);
  return hadBirthday ? age : age - 1;
}

/** Under 18: a parent or guardian consents to an accepted offer. */
export function isUnder18(birthDate: string, day: Date): boolean {
  return ageOn(birthDate, day) < 18;
}
