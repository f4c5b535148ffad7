import { plainToInstance } from 'class-transformer';
import { IsOptional, validateSync } from 'class-validator';
import { containsCprNumber, NoCprNumber } from './cpr-number';

describe('containsCprNumber', () => {
  it.each(['170508-1234', '1705081234', 'Mit CPR er 010190 1234.', 'cpr:290200-4321'])(
    'finds one in %p',
    (text) => expect(containsCprNumber(text)).toBe(true),
  );

  it.each([
    'Jeg vil gerne lære om fermentering',
    '3202001234', // no 32nd day
    '0113001234', // no 13th month
    '3104991234', // no 31 April
    '300200-1234', // no 30 February
    '12345678', // a phone number
    '117050812345', // longer digit runs are something else
    '2027-02-01',
  ])('finds none in %p', (text) => expect(containsCprNumber(text)).toBe(false));
});

class Profile {
  @IsOptional()
  @NoCprNumber()
  motivation?: string;

  @IsOptional()
  @NoCprNumber()
  skills?: string[];
}

describe('@NoCprNumber', () => {
  const errors = (plain: object) =>
    validateSync(plainToInstance(Profile, plain)).map((e) => Object.values(e.constraints ?? {}));

  it('names the field holding a CPR number, also inside a list', () => {
    expect(errors({ motivation: 'cpr 170508-1234', skills: ['PCR', '1705081234'] })).toEqual([
      ['motivation must not contain a CPR number'],
      ['skills must not contain a CPR number'],
    ]);
  });

  it('accepts ordinary text', () => {
    expect(errors({ motivation: 'Laborant på 2. år', skills: ['GMP'] })).toEqual([]);
  });
});
