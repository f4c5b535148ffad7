import { rawJsonShapeProblem, REQUEST_SHAPE_LIMITS, shapeProblem } from './request-shape';

const raw = (text: string) => rawJsonShapeProblem(Buffer.from(text));
const keys = (n: number) => `{${Array.from({ length: n }, (_, i) => `"k${i}":0`).join(',')}}`;
const items = (n: number) => `[${Array.from({ length: n }, () => 0).join(',')}]`;
const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

describe('the request-shape bound', () => {
  const { maxKeys, maxItems, maxDepth } = REQUEST_SHAPE_LIMITS;

  it.each([
    ['keys', keys(maxKeys), keys(maxKeys + 1)],
    ['items', items(maxItems), items(maxItems + 1)],
    ['depth', nested(maxDepth), nested(maxDepth + 1)],
  ])('allows the most %s a route needs and refuses one more, raw and parsed', (_, ok, over) => {
    expect(raw(ok)).toBeUndefined();
    expect(shapeProblem(JSON.parse(ok), 'body')).toBeUndefined();
    expect(raw(over)).toMatch(/more than/);
    expect(shapeProblem(JSON.parse(over), 'body')).toMatch(/more than/);
  });

  it('does not count commas and brackets inside strings', () => {
    const text = JSON.stringify({ a: `${','.repeat(20_000)}[[[[[[[[[[{{{{{{{{{{"\\` });
    expect(raw(text)).toBeUndefined();
  });

  it('refuses a NUL in a value or a key, and overlong text', () => {
    expect(shapeProblem(JSON.parse('{"a":["x\\u0000"]}'), 'body')).toMatch(/NUL/);
    expect(shapeProblem(JSON.parse('{"a\\u0000":1}'), 'body')).toMatch(/NUL/);
    expect(shapeProblem({ q: 'x'.repeat(10_001) }, 'query')).toMatch(/^query has a text longer/);
  });

  it('refuses a body of too many values in all', () => {
    const wide = `[${Array.from({ length: 3 }, () => items(maxItems)).join(',')}]`;
    expect(raw(wide)).toMatch(/values/);
    expect(shapeProblem(JSON.parse(wide), 'body')).toMatch(/values/);
  });

  it('walks 2,000 levels of nesting without recursion', () => {
    expect(raw(nested(2000))).toMatch(/nested/);
    expect(shapeProblem(JSON.parse(nested(2000)), 'body')).toMatch(/nested/);
  });
});
