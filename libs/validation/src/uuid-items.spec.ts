import { validateSync } from 'class-validator';
import { hasUuidItems, UuidItems } from './uuid-items';

class List {
  @UuidItems()
  items!: unknown[];
}

const errorsOf = (items: unknown[]) =>
  validateSync(Object.assign(new List(), { items })).flatMap((e) =>
    Object.values(e.constraints ?? {}),
  );

const ID = '3f2c1b9e-8a7d-4c6b-9e5f-1a2b3c4d5e6f';

describe('UuidItems', () => {
  it('accepts lists of UUIDs, the empty one too', () => {
    expect(errorsOf([])).toEqual([]);
    expect(errorsOf([ID, ID.toUpperCase()])).toEqual([]);
  });

  it("refuses any other item with @IsUUID's message for lists", () => {
    for (const bad of [[ID, 'x'], [1], [null], [ID.slice(1)]]) {
      expect(errorsOf(bad)).toEqual(['each value in items must be a UUID']);
    }
  });

  it('is not a list check of its own', () => {
    expect(hasUuidItems(ID)).toBe(false);
  });
});
