// Proves the layer check bites: dependency-cruiser is run with the repository's .dependency-cruiser.cjs on fixtures
// that break each rule on purpose (scripts/lint/fixtures, laid out like the repo: libs/<layer>/<lib>/src), and on the
// real tree, which must have no violation. depcruise is spawned (it is an ES module; jest runs CommonJS).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(__dirname, 'fixtures');
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}
interface CruiseResult {
  modules: { source: string }[];
  summary: { violations: Violation[] };
}

function cruise(cwd: string, args: string[]): CruiseResult {
  const run = spawnSync(process.execPath, [DEPCRUISE, ...args, '--config', CONFIG, '--output-type', 'json'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  if (!run.stdout) throw new Error(`depcruise printed nothing (exit ${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as CruiseResult;
}

// `rule: from → to`, with paths outside the cruised folder (node_modules above the fixtures) shown from node_modules/.
const listed = (result: CruiseResult): string[] =>
  result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to.replace(/^(\.\.\/)+/, '')}`).sort();

describe('layer check (dependency-cruiser)', () => {
  it('reports each rule on the fixtures that break it, and nothing else (apps may import anything)', () => {
    // Run from the fixture folder so paths read libs/...; its tsconfig resolves @dpe/* inside the folder.
    const result = cruise(FIXTURES, ['libs', 'apps', '--ts-config', 'tsconfig.fixtures.json']);
    expect(listed(result)).toEqual(
      [
        'errors-imports-no-library: libs/platform/errors/src/index.ts → libs/payroll/bad-payroll/src/index.ts',
        'payroll-imports-only-payroll-and-errors: libs/payroll/bad-payroll/src/index.ts → libs/domain/recipients/src/index.ts',
        'platform-imports-no-upper-layer: libs/platform/bad-platform/src/index.ts → libs/domain/recipients/src/index.ts',
        // @dpe/errors importing a payroll library breaks both rules.
        'platform-imports-no-upper-layer: libs/platform/errors/src/index.ts → libs/payroll/bad-payroll/src/index.ts',
        'domain-imports-no-views-or-nest-engine: libs/domain/uses-shell/src/index.ts → libs/platform/nest-engine/src/index.ts',
        'views-import-no-nest-engine: libs/views/bad-view/src/index.ts → libs/platform/nest-engine/src/index.ts',
        'nest-engine-imports-no-domain-or-views: libs/platform/nest-engine/src/index.ts → libs/domain/recipients/src/index.ts',
        'nest-only-in-nest-engine-and-apps: libs/domain/bad-domain/src/index.ts → node_modules/@nestjs/common/index.js',
        'no-relative-import-into-another-library: libs/payroll/reach-in/src/index.ts → libs/payroll/bad-payroll/src/index.ts',
        'libs-import-no-apps-or-scripts: libs/domain/uses-app/src/index.ts → apps/api/src/main.ts',
        'no-circular: libs/platform/cycle/src/a.ts → libs/platform/cycle/src/b.ts',
      ].sort(),
    );
  });

  it('finds no violation in the real tree (apps, libs, scripts; fixtures excluded)', () => {
    const result = cruise(ROOT, ['apps', 'libs', 'scripts']);
    expect(listed(result)).toEqual([]);
    expect(result.modules.some((m) => m.source.startsWith('scripts/lint/fixtures/'))).toBe(false);
    expect(result.modules.some((m) => m.source.startsWith('libs/payroll/money/'))).toBe(true);
  });
});
