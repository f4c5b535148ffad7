// Two tiers: pure unit tests beside the code, and end-to-end tests in test/ against the real
// PostgreSQL and Redis (a database and a Redis key prefix of their own per test file). A third project,
// stress, holds the long load and fault tests (`npm run test:stress`); `npm test` leaves it out.
const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
    },
  ],
};
// Each e2e file runs against a copy of the run's migrated database (file-database-environment.ts).
const e2eSetup = {
  testEnvironment: '<rootDir>/test/support/file-database-environment.ts',
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};
const moduleNameMapper = {
  '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src',
  '^@app/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
};

module.exports = {
  // A test or hook that waits on PostgreSQL, Redis or a worker must not fail because the machine
  // is busy: Jest's 5 s default failed whole files at a load average of 10. Tests that need a
  // tighter bound say so themselves.
  testTimeout: 60_000,
  // Each file in a fresh worker once the last one grew past this: run in one process, the late
  // files of the suite found an event loop held for seconds by what a hundred earlier files
  // left behind (a heap near its limit, timers), and the fuzz test measured 4 s on a plain 400.
  workerIdleMemoryLimit: '1GB',
  // After Jest's summary, the tests that did not run, each with its reason.
  reporters: ['default', '<rootDir>/test/support/not-run-reporter.js'],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/scripts'],
      testMatch: ['**/*.spec.ts'],
      transform,
      moduleNameMapper,
    },
    {
      displayName: 'e2e',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/reliability/stalls.e2e-spec.ts'],
      transform,
      moduleNameMapper,
      ...e2eSetup,
    },
    {
      // Event-loop timings need a process of their own: late in a run of a hundred files in one
      // process the loop also carries what those files left (timers, a grown heap), and the
      // probe measured that instead of the request (`npm run test:stalls`, run by .ci/run).
      displayName: 'stalls',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/reliability/stalls.e2e-spec.ts'],
      transform,
      moduleNameMapper,
      ...e2eSetup,
    },
    {
      displayName: 'stress',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/stress/**/*.stress-spec.ts'],
      transform,
      moduleNameMapper,
      ...e2eSetup,
    },
  ],
};
