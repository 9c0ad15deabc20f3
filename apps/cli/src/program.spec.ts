import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore } from '@dpe/event-store';
import { buildProgram } from './program';
import { dpe } from '../test/run-dpe';

describe('dpe enrol-recipient', () => {
  let dir: string;
  let store: string;
  const enrol = [
    'enrol-recipient', '--recipient-id', 'r-3001', '--council', 'Leeds City Council', '--type', 'parent-of-disabled-child',
    '--name', 'Jo Patel', '--representative-name', 'Priya Patel', '--representative-role', 'representative',
    '--account-type', 'bank-account', '--paye-reference', '120/XY789', '--accounts-office-reference', '120PY19064375',
    '--enrolled-on', '2026-06-01', '--actor', 'user:provider.clerk',
  ];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dpe-cli-'));
    store = `sqlite:${join(dir, 'dpe.db')}`;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('enrols a recipient and prints the stored event', async () => {
    const result = await dpe(...enrol, '--command-id', 'cli-cmd-1', '--store', store);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      recipientId: 'r-3001', commandId: 'cli-cmd-1', replayed: false, events: [{ type: 'RecipientEnrolled', revision: '0' }],
    });
  });

  it('returns the first result for a repeated command id and stores nothing new', async () => {
    const result = await dpe(...enrol, '--command-id', 'cli-cmd-1', '--store', store);
    expect(JSON.parse(result.stdout)).toMatchObject({ replayed: true, events: [{ revision: '0' }] });
    const s = await openEventStore(store);
    expect(await s.readAll()).toHaveLength(1);
    await s.close();
  });

  it('names the bad field, exits 2, and stores nothing', async () => {
    const result = await dpe(...enrol.map((a) => (a === '120PY19064375' ? '120PY19064376' : a)), '--recipient-id', 'r-3002', '--store', store);
    expect(result.exitCode).toBe(2);
    expect(JSON.parse(result.stderr)).toEqual({
      error: 'invalid-command',
      errors: [{ field: 'accountsOfficeReference', rule: expect.stringContaining('check') }],
    });
    const s = await openEventStore(store);
    expect(await s.readAll()).toHaveLength(1);
    await s.close();
  });

  it('shows the recipient folded from its events', async () => {
    const result = await dpe('show-recipient', 'r-3001', '--store', store);
    expect(JSON.parse(result.stdout)).toMatchObject({
      status: 'enrolled', council: 'Leeds City Council', representative: { name: 'Priya Patel', role: 'representative' },
    });
  });

  it('lists its commands in --help', () => {
    const help = buildProgram().helpInformation();
    expect(help).toContain('enrol-recipient');
    expect(help).toContain('show-recipient');
  });
});
