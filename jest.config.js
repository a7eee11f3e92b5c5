/**
 * NestJS 12 ships as ES modules, which Jest on Node 20 can load only in its ESM mode
 * (`--experimental-vm-modules`, set by the npm test script). Tests are compiled to ESM by ts-jest
 * without type checking; `npm run typecheck` covers the types. The build for `npm start` stays
 * CommonJS, which Node 20.19+ can use to require ES modules.
 *
 * Unit specs sit beside their code; end-to-end specs live in test/.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: '\\.(spec|e2e-spec)\\.ts$',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', useESM: true }],
    // CommonJS dependencies that require an ES-module-only package (Jest on Node 20 cannot
    // require ES modules) get that package compiled to CommonJS.
    '/node_modules/(content-disposition)/.+\\.js$': [
      'babel-jest',
      { plugins: ['@babel/plugin-transform-modules-commonjs'] },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: {
    '^@analytics/common$': '<rootDir>/libs/common/src',
    '^@analytics/auth$': '<rootDir>/libs/auth/src',
    '^@analytics/cache$': '<rootDir>/libs/cache/src',
    '^@analytics/store$': '<rootDir>/libs/store/src',
    '^@analytics/ingest$': '<rootDir>/libs/ingest/src',
    '^@analytics/reports/(.*)$': '<rootDir>/libs/reports/$1',
  },
  testTimeout: 60000,
};
