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
  summary: { violations: Violation[]; totalCruised: number };
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

const pairs = (result: CruiseResult): string[] => result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);

describe('layer check (dependency-cruiser)', () => {
  describe('on the fixtures, which break every rule once', () => {
    // Run from the fixture folder so paths read libs/...; its tsconfig resolves @dpe/* inside the folder.
    let violations: string[];
    beforeAll(() => {
      violations = pairs(cruise(FIXTURES, ['libs', 'apps', '--ts-config', 'tsconfig.fixtures.json']));
    });

    it.each([
      ['payroll-imports-only-payroll-and-errors', 'libs/payroll/bad-payroll/src/index.ts', 'libs/domain/recipients/src/index.ts'],
      ['nest-only-in-nest-engine-and-apps', 'libs/domain/bad-domain/src/index.ts', 'node_modules/@nestjs/common/'],
      ['errors-imports-no-library', 'libs/platform/errors/src/index.ts', 'libs/payroll/bad-payroll/src/index.ts'],
      ['platform-imports-no-upper-layer', 'libs/platform/bad-platform/src/index.ts', 'libs/domain/recipients/src/index.ts'],
      ['domain-imports-no-views-or-nest-engine', 'libs/domain/uses-shell/src/index.ts', 'libs/platform/nest-engine/src/index.ts'],
      ['views-import-no-nest-engine', 'libs/views/bad-view/src/index.ts', 'libs/platform/nest-engine/src/index.ts'],
      ['nest-engine-imports-no-domain-or-views', 'libs/platform/nest-engine/src/index.ts', 'libs/domain/recipients/src/index.ts'],
      ['no-relative-import-into-another-library', 'libs/payroll/reach-in/src/index.ts', 'libs/payroll/bad-payroll/src/index.ts'],
      ['libs-import-no-apps-or-scripts', 'libs/domain/uses-app/src/index.ts', 'apps/api/src/main.ts'],
      ['no-circular', 'libs/platform/cycle/src/', 'libs/platform/cycle/src/'],
    ])('reports %s (%s → %s)', (rule, from, to) => {
      expect(violations).toContainEqual(expect.stringMatching(new RegExp(`^${rule}: ${from}.* → .*${to}`)));
    });

    it('reports nothing else: apps may import anything, and the stand-in libraries are clean', () => {
      expect(violations.filter((v) => v.includes('apps/api/src/main.ts:') || v.includes(': apps/'))).toEqual([]);
      expect(violations).toHaveLength(11); // the ten above, plus errors → money also being platform → payroll
    });
  });

  it('finds no violation in the real tree (apps, libs, scripts; fixtures excluded)', () => {
    const result = cruise(ROOT, ['apps', 'libs', 'scripts']);
    expect(pairs(result)).toEqual([]);
    expect(result.modules.some((m) => m.source.startsWith('scripts/lint/fixtures/'))).toBe(false);
    expect(result.modules.some((m) => m.source.startsWith('libs/payroll/money/'))).toBe(true);
  });
});
