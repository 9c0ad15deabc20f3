// One jest run sees every app, library and script. Path aliases come from tsconfig.base.json
// so tests import exactly as production code does. Type checking is `npm run typecheck`'s job;
// ts-jest only transpiles (isolatedModules in tsconfig.json), which keeps the suite fast.
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  moduleNameMapper[`^${alias}$`] = `<rootDir>/${target}`;
}

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/scripts'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleNameMapper,
  testTimeout: 30000,
};
