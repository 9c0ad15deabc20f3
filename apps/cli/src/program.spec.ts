import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore } from '@dpe/event-store';
import { buildProgram } from './program';
import { dpe } from '../test/run-dpe';

describe('dpe <declared command>', () => {
  let dir: string;
  let store: string;
  const enrol = [
    'enrol-recipient',
    '--recipient-id',
    'r-3001',
    '--council-id',
    'leeds',
    '--recipient-type',
    'parent-of-disabled-child',
    '--name',
    'Jo Patel',
    '--representative-name',
    'Priya Patel',
    '--representative-role',
    'representative',
    '--account-type',
    'bank-account',
    '--enrolled-on',
    '2026-06-01',
  ];
  const eventCount = async (): Promise<number> => {
    const s = await openEventStore(store);
    const n = (await s.readAll()).filter((e) => e.streamId.startsWith('recipient-')).length;
    await s.close();
    return n;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dpe-cli-'));
    store = `sqlite:${join(dir, 'dpe.db')}`;
    for (const [id, name] of [
      ['leeds', 'Leeds City Council'],
      ['kent', 'Kent County Council'],
    ]) {
      expect((await dpe('register-council', '--council-id', id!, '--name', name!, '--store', store)).exitCode).toBe(0);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('enrols a recipient from flags named after the schema fields, recording the OS user as actor', async () => {
    const result = await dpe(...enrol, '--command-id', 'cli-cmd-1', '--store', store);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      recipientId: 'r-3001',
      commandId: 'cli-cmd-1',
      replayed: false,
      events: [{ type: 'RecipientEnrolled', revision: '0' }],
    });
    const s = await openEventStore(store);
    const [event] = await s.readStream('recipient-r-3001');
    await s.close();
    expect(event!.metadata.actor).toBe(`cli:${process.env['USER'] ?? process.env['USERNAME'] ?? 'unknown'}`);
  });

  it('returns the first result for a repeated command id and stores nothing new', async () => {
    const result = await dpe(...enrol, '--command-id', 'cli-cmd-1', '--store', store);
    expect(JSON.parse(result.stdout)).toMatchObject({ replayed: true, events: [{ revision: '0' }] });
    expect(await eventCount()).toBe(1);
  });

  it('replays a repeated --command-id without --recipient-id (the id is derived from the command id, not random)', async () => {
    const args = [
      'enrol-recipient',
      '--council-id',
      'leeds',
      '--recipient-type',
      'adult',
      '--name',
      'Sam Lee',
      '--account-type',
      'prepaid-card',
    ];
    const first = await dpe(...args, '--command-id', 'cli-derived', '--store', store);
    const second = await dpe(...args, '--command-id', 'cli-derived', '--store', store);
    expect([first.exitCode, second.exitCode]).toEqual([0, 0]);
    expect(JSON.parse(second.stdout)).toMatchObject({
      replayed: true,
      recipientId: JSON.parse(first.stdout).recipientId,
    });
  });

  it('exits 3 when a command id is reused for a different request, naming the key', async () => {
    const result = await dpe(
      ...enrol.map((a) => (a === 'Jo Patel' ? 'Jo Patel-Smith' : a)),
      '--command-id',
      'cli-cmd-1',
      '--store',
      store,
    );
    expect(result.exitCode).toBe(3);
    expect(JSON.parse(result.stderr)).toMatchObject({
      error: 'command-id.reused',
      message: expect.stringContaining('"cli-cmd-1"'),
    });
  });

  it('names the bad field by the flag the user typed, exits 2, and stores nothing', async () => {
    const result = await dpe(
      ...enrol.map((a) => (a === '2026-06-01' ? '2026-02-30' : a)),
      '--recipient-id',
      'r-3002',
      '--store',
      store,
    );
    expect(result.exitCode).toBe(2);
    expect(JSON.parse(result.stderr)).toEqual({
      error: 'input.invalid',
      message: expect.any(String),
      issues: [
        {
          path: 'enrolledOn',
          flag: '--enrolled-on',
          rule: expect.stringContaining('calendar date'),
        },
      ],
    });
    expect(await eventCount()).toBe(2);
  });

  it('reads the whole input from --json FILE', async () => {
    const file = join(dir, 'enrol.json');
    writeFileSync(
      file,
      JSON.stringify({
        recipientId: 'r-json',
        councilId: 'kent',
        recipientType: 'adult',
        name: 'Ann Lee',
        accountType: 'managed-account',
      }),
    );
    const result = await dpe('enrol-recipient', '--json', file, '--command-id', 'cli-json', '--store', store);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ recipientId: 'r-json', replayed: false });
  });

  it('exits 2 on an unknown option, naming it', async () => {
    const result = await dpe('enrol-recipient', '--typo', 'x', '--store', store);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("unknown option '--typo'");
  });

  it('exits 2 on a bad --store, naming it, instead of failing silently', async () => {
    const result = await dpe('show-recipient', 'r-3001', '--store', 'postgres://nowhere');
    expect(result.exitCode).toBe(2);
    expect(JSON.parse(result.stderr)).toMatchObject({
      error: 'input.invalid',
      issues: [{ path: 'DPE_STORE', flag: '--store' }],
    });
  });

  it('shows the recipient folded from its events', async () => {
    const result = await dpe('show-recipient', 'r-3001', '--store', store);
    expect(JSON.parse(result.stdout)).toMatchObject({
      status: 'enrolled',
      councilId: 'leeds',
      representative: { name: 'Priya Patel', role: 'representative' },
    });
  });

  it('a read never creates the database file or its folder', async () => {
    const missing = join(dir, 'not-here', 'dpe.db');
    const result = await dpe('show-recipient', 'r-3001', '--store', `sqlite:${missing}`);
    expect(result.exitCode).toBe(4);
    expect(JSON.parse(result.stderr)).toMatchObject({ error: 'store.missing' });
    expect(existsSync(join(dir, 'not-here'))).toBe(false);
  });

  it('lists every declared command and query in --help, with the schema-derived flags', () => {
    const program = buildProgram();
    expect(program.helpInformation()).toEqual(expect.stringContaining('enrol-recipient'));
    expect(program.helpInformation()).toEqual(expect.stringContaining('show-recipient'));
    expect(program.helpInformation()).toEqual(expect.stringContaining('apply'));
    const enrolHelp = program.commands.find((c) => c.name() === 'enrol-recipient')!.helpInformation();
    expect(enrolHelp).toContain('--recipient-type <value>');
    expect(enrolHelp.replace(/\s+/g, ' ')).toContain('one of: adult | carer | parent-of-disabled-child');
  });
});

describe('dpe apply FILE.jsonl', () => {
  let dir: string;
  let store: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dpe-apply-'));
    store = `sqlite:${join(dir, 'dpe.db')}`;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const line = (commandId: string, input: object) => JSON.stringify({ command: 'enrol-recipient', commandId, input });
  const base = { councilId: 'kent', recipientType: 'adult', name: 'Ann Lee', accountType: 'managed-account' };

  it('applies one command per line, answers each with one line, reports and skips a bad line', async () => {
    const file = join(dir, 'batch.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({
          command: 'register-council',
          commandId: 'kent',
          input: { councilId: 'kent', name: 'Kent County Council' },
        }),
        line('a-1', { ...base, recipientId: 'r-a1' }),
        '{not json',
        line('a-2', { ...base, recipientId: 'r-a2', accountType: 'cash' }),
        JSON.stringify({ command: 'hire-a-unicorn', input: {} }),
        line('a-3', { ...base, recipientId: 'r-a3' }),
      ].join('\n'),
    );
    const result = await dpe('apply', file, '--store', store);
    const out = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(6);
    expect(out[0]).toMatchObject({ line: 1, command: 'register-council', councilId: 'kent' });
    expect(out[1]).toMatchObject({ line: 2, command: 'enrol-recipient', recipientId: 'r-a1', replayed: false });
    expect(out[2]).toMatchObject({ line: 3, error: 'input.invalid', issues: [{ path: '(line)' }] });
    expect(out[3]).toMatchObject({ line: 4, error: 'input.invalid', issues: [{ path: 'accountType' }] });
    expect(out[4]).toMatchObject({
      line: 5,
      error: 'input.invalid',
      issues: [{ path: 'command', rule: expect.stringContaining('enrol-recipient') }],
    });
    expect(out[5]).toMatchObject({ line: 6, recipientId: 'r-a3', replayed: false });
    expect(result.stderr).toContain('6 lines, 3 applied, 0 replayed, 3 errors');
    expect(result.exitCode).toBe(2);

    const again = await dpe('apply', file, '--store', store);
    expect(again.stderr).toContain('6 lines, 0 applied, 3 replayed, 3 errors');
  });
});

describe('dpe keys create | list | revoke', () => {
  let dir: string;
  let store: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dpe-keys-'));
    store = `sqlite:${join(dir, 'dpe.db')}`;
    await dpe('register-council', '--council-id', 'kent', '--name', 'Kent County Council', '--store', store);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a key shown once, lists it without its secret, and revokes it', async () => {
    const created = await dpe(
      'keys',
      'create',
      '--integration',
      'payroll-import',
      '--roles',
      'payroll-operator',
      '--councils',
      'kent',
      '--store',
      store,
    );
    expect(created.exitCode).toBe(0);
    const { keyId, apiKey } = JSON.parse(created.stdout) as { keyId: string; apiKey: string };
    expect(apiKey).toMatch(new RegExp(`^dpe_${keyId}_[A-Za-z0-9_-]{43}$`));

    const listed = await dpe('keys', 'list', '--store', store);
    expect(JSON.parse(listed.stdout)).toEqual([
      {
        keyId,
        integration: 'payroll-import',
        roles: ['payroll-operator'],
        councils: ['kent'],
        expiresOn: expect.any(String),
        status: 'live',
      },
    ]);
    // The secret is everything after the key id (it may itself hold '_').
    expect(listed.stdout).not.toContain(apiKey.slice(apiKey.indexOf('_', 'dpe_'.length) + 1));

    const revoked = await dpe('keys', 'revoke', '--key-id', keyId, '--reason', 'rotated', '--store', store);
    expect(revoked.exitCode).toBe(0);
    expect(JSON.parse((await dpe('keys', 'list', '--store', store)).stdout)[0]).toMatchObject({ status: 'revoked' });
  });

  it('names a bad role by its flag', async () => {
    const result = await dpe(
      'keys',
      'create',
      '--integration',
      'x',
      '--roles',
      'superuser',
      '--all-councils',
      '--store',
      store,
    );
    expect(result.exitCode).toBe(2);
    expect(JSON.parse(result.stderr).issues).toEqual([expect.objectContaining({ path: 'roles.0', flag: '--roles' })]);
  });

  it("takes a list of objects as a JSON flag (a PA key's employments), naming the flag when it is not JSON", async () => {
    const pa = ['keys', 'create', '--integration', 'pa-portal', '--roles', 'pa', '--councils', 'kent'];
    const broken = await dpe(...pa, '--employments', '[{"recipientId":', '--store', store);
    expect(broken.exitCode).toBe(2);
    expect(JSON.parse(broken.stderr).issues).toEqual([
      expect.objectContaining({
        path: '--employments',
        rule: expect.stringContaining('must be JSON (a list of objects)'),
      }),
    ]);
    // Parsed, the list reaches the command: an employment on no roster is refused by name, not as bad JSON.
    const unknown = await dpe(
      ...pa,
      '--employments',
      '[{"recipientId":"r-3001","employmentId":"e-none"}]',
      '--store',
      store,
    );
    expect(JSON.parse(unknown.stderr)).toMatchObject({ error: 'api-key.employment-unknown' });
  });
});
