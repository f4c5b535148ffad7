import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

interface Snippet {
  file: string;
  code: string;
}

/** ESLint's messages for each snippet, linted as if it were that file, with the repo's config. */
function lintAs(snippets: Snippet[]): string[][] {
  // ESLint loads its flat config with import(), which Jest's module system does not offer, so the
  // linting runs in a plain Node process.
  const program = `
    import { ESLint } from 'eslint';
    const snippets = JSON.parse(process.argv[1]);
    const eslint = new ESLint({ cwd: ${JSON.stringify(ROOT)} });
    const messages = [];
    for (const { file, code } of snippets) {
      const [result] = await eslint.lintText(code, { filePath: file });
      messages.push(result.messages.map((m) => m.ruleId + ': ' + m.message));
    }
    console.log(JSON.stringify(messages));`;
  const run = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', program, JSON.stringify(snippets)],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as string[][];
}

function libLayers(): string[][] {
  const program = `import(${JSON.stringify(join(ROOT, 'eslint.config.mjs'))}).then((config) => console.log(JSON.stringify(config.LIB_LAYERS)))`;
  const run = spawnSync(process.execPath, ['-e', program], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as string[][];
}

const importing = (what: string) => `import { x } from '${what}';\nexport const y = x;\n`;

describe('the layer rules of npm run lint', () => {
  const cases: Array<[string, Snippet, RegExp | null]> = [
    [
      'refuses a lib importing a higher lib',
      { file: 'libs/organisations/src/upward.ts', code: importing('@app/rounds') },
      /no-restricted-imports: .*libs\/organisations is in layer 4/,
    ],
    [
      'refuses a lib importing a lib of its own layer',
      { file: 'libs/rounds/src/sideways.ts', code: importing('@app/students') },
      /no-restricted-imports: .*libs\/rounds is in layer 7/,
    ],
    [
      'refuses the database lib importing a domain',
      { file: 'libs/database/src/schema/upward.ts', code: importing('@app/accounts') },
      /no-restricted-imports: .*libs\/database is in layer 2/,
    ],
    [
      'lets a lib import a lower lib through its index',
      { file: 'libs/rounds/src/downward.ts', code: importing('@app/slots') },
      null,
    ],
    [
      "refuses an app importing a lib's internals",
      { file: 'apps/api/src/deep.ts', code: importing('@app/slots/slot-view') },
      /no-restricted-imports: .*through its index/,
    ],
    [
      "refuses a test importing a lib's internals",
      { file: 'test/deep.e2e-spec.ts', code: importing('@app/database/schema') },
      /no-restricted-imports: .*through its index/,
    ],
    [
      'refuses a lib importing an app',
      { file: 'libs/slots/src/app.ts', code: importing('../../../apps/api/src/app.module') },
      /no-restricted-imports: .*never imports an app/,
    ],
    [
      'refuses the engine importing a framework',
      { file: 'libs/matching/src/framework.ts', code: importing('@nestjs/common') },
      /no-restricted-imports: .*libs\/matching is the pure engine/,
    ],
    [
      'lets the engine import its own files and Node built-ins',
      {
        file: 'libs/matching/src/own.ts',
        code: `${importing('./lottery')}import 'node:crypto';\n`,
      },
      null,
    ],
  ];

  const messages = lintAs(cases.map(([, snippet]) => snippet));

  it.each(cases.map((testCase, index) => [...testCase, index] as const))(
    '%s',
    (_name, _snippet, expected, index) => {
      if (expected === null) expect(messages[index]).toEqual([]);
      else
        expect(messages[index]).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
    },
  );

  it('places every lib in exactly one layer', () => {
    const layered = libLayers().flat();
    expect([...layered].sort()).toEqual(readdirSync(join(ROOT, 'libs')).sort());
  });
});
