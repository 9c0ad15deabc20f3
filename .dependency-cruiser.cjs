/**
 * Layer rules for the engine, checked by `npm run lint:layers` (dependency-cruiser).
 *
 * Every rule is written on resolved file paths relative to the directory depcruise runs in: `@dpe/<name>` aliases are
 * resolved through tsconfig.json (which extends tsconfig.base.json), so `@dpe/money` is seen as
 * `libs/payroll/money/src/index.ts`, and npm packages as `node_modules/<name>/...`. Type-only imports count too
 * (tsPreCompilationDeps). scripts/lint/layers.spec.ts runs these rules on deliberately bad fixtures to prove they bite.
 *
 * Layers: libs/platform/errors < libs/payroll < libs/platform (except nest-engine) < libs/domain < libs/views;
 * libs/platform/nest-engine is the Nest shell, and apps/ wire everything together (apps may import anything).
 */
const NEST = '(^|/)node_modules/(@nestjs/|nestjs-)|^(@nestjs/|nestjs-)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'errors-imports-no-library',
      comment:
        '@dpe/errors is the bottom of every layer (each library builds its errors on it), so it may not import any ' +
        'other library, or everything would depend on that library too.',
      severity: 'error',
      from: { path: '^libs/platform/errors/' },
      to: { path: '^libs/', pathNot: '^libs/platform/errors/' },
    },
    {
      name: 'payroll-imports-only-payroll-and-errors',
      comment:
        'The statutory calculators are pure libraries: they may import each other and @dpe/errors, but no platform ' +
        'code (event store, decider, schema, Nest), no domain and no views, so they stay usable and testable alone.',
      severity: 'error',
      from: { path: '^libs/payroll/' },
      to: { path: '^libs/', pathNot: '^libs/(payroll|platform/errors)/' },
    },
    {
      name: 'platform-imports-no-upper-layer',
      comment:
        'Platform libraries (event store, decider, schema, testing, ...) are generic: they know nothing of payroll, ' +
        'the domain or views, and must not reach into the Nest shell (nest-engine sits above them).',
      severity: 'error',
      from: { path: '^libs/platform/', pathNot: '^libs/platform/nest-engine/' },
      to: { path: '^libs/(domain|views|payroll|platform/nest-engine)/' },
    },
    {
      name: 'domain-imports-no-views-or-nest-engine',
      comment:
        'Domain libraries declare commands and streams; views are built on them (not the other way round) and the ' +
        'Nest shell reads their declarations, so the domain imports neither.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { path: '^libs/(views|platform/nest-engine)/' },
    },
    {
      name: 'views-import-no-nest-engine',
      comment: 'Views are plain projections and queries; the Nest shell serves them, they do not depend on it.',
      severity: 'error',
      from: { path: '^libs/views/' },
      to: { path: '^libs/platform/nest-engine/' },
    },
    {
      name: 'nest-engine-imports-no-domain-or-views',
      comment:
        'nest-engine builds controllers and OpenAPI from declarations it is handed by the apps; it must stay generic ' +
        'and not import the domain or views itself.',
      severity: 'error',
      from: { path: '^libs/platform/nest-engine/' },
      to: { path: '^libs/(domain|views)/' },
    },
    {
      name: 'nest-only-in-nest-engine-and-apps',
      comment:
        'Nest (@nestjs/*, nestjs-pino, ...) is the shell: only libs/platform/nest-engine and apps/ may import it, so ' +
        'every library stays framework-free.',
      severity: 'error',
      from: { pathNot: '^(apps|libs/platform/nest-engine)/' },
      to: { path: NEST },
    },
    {
      name: 'no-relative-import-into-another-library',
      comment:
        'Libraries import each other only through their @dpe/<name> alias (their public index), never with a ' +
        'relative path such as ../../other-lib/src/internal.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/([^/]+)/' },
      to: { path: '^libs/', pathNot: '^libs/$1/$2/', dependencyTypesNot: ['aliased'] },
    },
    {
      name: 'libs-import-no-apps-or-scripts',
      comment: 'Libraries are imported by apps and scripts, never the reverse.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^(apps|scripts)/' },
    },
    {
      name: 'no-circular',
      comment:
        "No import cycles (within or between libraries). Cross-library imports go through each library's index, " +
        'so a cycle between two libraries shows up here as a cycle through their index files.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    // The fixtures break the rules on purpose (scripts/lint/layers.spec.ts cruises them on their own).
    exclude: { path: ['(^|/)dist/', '^scripts/lint/fixtures/'] },
    tsPreCompilationDeps: true,
    // Relative to the directory depcruise runs in: the repo root here, the fixture folder in the spec.
    tsConfig: { fileName: 'tsconfig.json' },
    detectProcessBuiltinModuleCalls: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      archi: { collapsePattern: '^libs/[^/]+/[^/]+|^apps/[^/]+|^scripts/[^/]+|node_modules/(?:@[^/]+/[^/]+|[^/]+)' },
    },
  },
};
