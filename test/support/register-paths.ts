import { loadConfig, register } from 'tsconfig-paths';

// Jest's moduleNameMapper does not apply to globalSetup/globalTeardown: resolve @app/* here.
const tsconfig = loadConfig(`${__dirname}/../..`);
if (tsconfig.resultType === 'success') {
  register({ baseUrl: tsconfig.absoluteBaseUrl, paths: tsconfig.paths });
}
