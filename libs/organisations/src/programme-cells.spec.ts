import { programmeCellResolver } from './programme-cells';

describe('programmeCellResolver', () => {
  const resolve = programmeCellResolver([
    { id: 'lab', code: 'LAB', name: 'Laboratorie- og fødevareteknolog', school: 'next' },
    { id: 'stx-kg', code: 'STX', name: 'Stx (erhvervspraktik)', school: 'kalundborg-gymnasium' },
    { id: 'stx-other', code: 'STX', name: 'Stx', school: 'other-gymnasium' },
    { id: 'slash', code: 'A/B', name: 'Automatik/proces', school: 'next' },
  ]);

  it('finds a programme by code or by its name as shown, whatever the case and spaces', () => {
    expect(resolve('lab')).toBe('lab');
    expect(resolve('  LABORATORIE- OG FØDEVARETEKNOLOG ')).toBe('lab');
    expect(resolve('Stx (erhvervspraktik)')).toBe('stx-kg');
  });

  it('needs the school where a code repeats, and refuses to guess', () => {
    expect(resolve('STX')).toBeUndefined();
    expect(resolve('kalundborg-gymnasium/stx')).toBe('stx-kg');
    expect(resolve('other-gymnasium/STX')).toBe('stx-other');
  });

  it('reads a name or code with a slash as itself when no school has that slug', () => {
    expect(resolve('Automatik/proces')).toBe('slash');
    expect(resolve('A/B')).toBe('slash');
  });

  it('names nothing for an unknown cell', () => {
    expect(resolve('')).toBeUndefined();
    expect(resolve('Astrofysik')).toBeUndefined();
  });
});
