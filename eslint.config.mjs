import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/**
 * The libs from the bottom up (docs/ARCHITECTURE.md). A lib may import only libs of a lower
 * layer, never one of its own layer, a higher one or an app; the apps (api, worker, cli) sit
 * above every lib. This list is the one definition of that order: the rules below are built
 * from it, and scripts/layer-rules.spec.ts checks that every lib is in it.
 */
export const LIB_LAYERS = [
  ['errors', 'config', 'validation', 'matching'],
  ['database', 'queues', 'imports'],
  ['access-log'],
  ['organisations', 'notifications'],
  ['accounts'],
  ['slots'],
  ['students', 'rounds'],
  ['placements', 'pipeline'],
  ['privacy'],
  ['seed'],
];

const ARRAY_UNIQUE = {
  name: 'class-validator',
  importNames: ['ArrayUnique'],
  message: 'ArrayUnique compares every pair of items; use UniqueItems from @app/validation.',
};
const DEEP_IMPORT = {
  regex: '^@app/[a-z-]+/',
  message: "Import another lib through its index ('@app/<lib>'), never its files.",
};
/** Inside a lib or an app, a relative path never leaves its src folder. */
const RELATIVE_ESCAPE = {
  regex: '^\\.\\.?/(.*/)?(src|apps|libs)(/|$)',
  message: "Reach another lib through '@app/<lib>'; a lib never imports an app.",
};
/** The engine is pure: Node's built-ins and its own files (fast-check for its tests). */
const MATCHING_FRAMEWORK = {
  regex: '^(?!node:|\\.|fast-check$)',
  message: 'libs/matching is the pure engine: no framework, no database, no other lib.',
};

function restrictedImports(...patterns) {
  return { 'no-restricted-imports': ['error', { paths: [ARRAY_UNIQUE], patterns }] };
}

/** One config per lib: no import of its own layer or above, nor of an app. */
const layerConfigs = LIB_LAYERS.flatMap((layer, index) => {
  const notBelow = LIB_LAYERS.slice(index).flat();
  const below = LIB_LAYERS.slice(0, index).flat();
  return layer.map((lib) => ({
    files: [`libs/${lib}/**/*.{ts,tsx,js}`],
    rules: restrictedImports(
      DEEP_IMPORT,
      RELATIVE_ESCAPE,
      {
        regex: `^@app/(${notBelow.join('|')})$`,
        message: `libs/${lib} is in layer ${index + 1} of LIB_LAYERS (eslint.config.mjs); it may import only ${below.length ? below.join(', ') : 'no other lib'}.`,
      },
      ...(lib === 'matching' ? [MATCHING_FRAMEWORK] : []),
    ),
  }));
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'apps/web/dist/**',
      // Generated from the api's OpenAPI document by `npm run web:api-types`.
      'apps/web/src/api/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      ...restrictedImports(DEEP_IMPORT),
    },
  },
  {
    files: ['apps/{api,worker,cli}/**/*.{ts,tsx,js}'],
    rules: restrictedImports(DEEP_IMPORT, RELATIVE_ESCAPE),
  },
  ...layerConfigs,
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The web app runs in the browser, not in Node.
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        localStorage: 'readonly',
        FormData: 'readonly',
        Blob: 'readonly',
        Event: 'readonly',
        Response: 'readonly',
        HTMLElement: 'readonly',
        HTMLInputElement: 'readonly',
        HTMLButtonElement: 'readonly',
        HTMLDialogElement: 'readonly',
        HTMLHeadingElement: 'readonly',
        URLSearchParams: 'readonly',
        process: 'off',
        require: 'off',
        module: 'off',
        __dirname: 'off',
        Buffer: 'off',
      },
    },
  },
);
