import { apiSpec } from '../test/api-spec';
import { paHired } from '../test/given-events';

/**
 * The employer acts for themselves: a key (or an identity provider's token) bound to its recipients submits, approves
 * and rejects their PAs' timesheets, and reaches no other recipient's records, in its own council or another; every
 * event it causes records it as the actor.
 */
describe('an employer acting on their own records', () => {
  const api = apiSpec();
  const own = 'r-self-own';
  const neighbour = 'r-self-neighbour';
  const PERIOD = { periodStart: '2026-04-04', periodEnd: '2026-04-10' };
  const SHIFT = { date: '2026-04-06', start: '09:00', hours: '7.5', rateKind: 'standard' };
  let employerKey: { keyId: string; apiKey: string };
  const asEmployer = () => ({ Authorization: `Bearer ${employerKey.apiKey}` });
  const submitted = (recipientId: string, employmentId: string) => ({
    timesheetId: '2026-04-04-1',
    recipientId,
    employmentId,
    ...PERIOD,
    payDate: '2026-04-10',
    shifts: [SHIFT],
    channel: 'paper',
    submittedBy: 'pa',
  });

  beforeAll(async () => {
    for (const recipientId of [own, neighbour]) {
      await api
        .http()
        .post('/recipients')
        .set(api.as('admin'))
        .send({
          recipientId,
          councilId: 'kent',
          recipientType: 'adult',
          name: 'Sam Patel',
          accountType: 'bank-account',
        })
        .expect(201);
    }
    await api.given({
      [`recipient-${own}`]: [{ type: 'PaHired', data: paHired(own, 'e-self-1') }],
      [`recipient-${neighbour}`]: [{ type: 'PaHired', data: paHired(neighbour, 'e-self-2') }],
      'timesheets-e-self-2-2026-04-04': [{ type: 'TimesheetSubmitted', data: submitted(neighbour, 'e-self-2') }],
    });
    employerKey = await api.issueKey('portal-self-own', ['employer'], ['kent'], undefined, { recipients: [own] });
  });

  it('submits and approves its own PA’s timesheet, recorded with its key as the actor', async () => {
    const submit = await api.when((http) =>
      http
        .post(`/recipients/${own}/employments/e-self-1/timesheets`)
        .set(asEmployer())
        .send({ ...PERIOD, shifts: [SHIFT], channel: 'portal', submittedBy: 'employer' }),
    );
    expect(submit.status).toBe(201);
    const [event] = await api.thenEvents([{ type: 'TimesheetSubmitted' }]);
    expect(event!.metadata.actor).toBe(`key:${employerKey.keyId}`);

    const approve = await api.when((http) =>
      http
        .post(`/recipients/${own}/employments/e-self-1/timesheets/${submit.body.timesheetId}/approve`)
        .set(asEmployer())
        .send({ approvedBy: 'employer', approvedOn: '2026-04-10' }),
    );
    expect(approve.status).toBe(200);
    const [approved] = await api.thenEvents([{ type: 'TimesheetApproved' }]);
    expect(approved!.metadata.actor).toBe(`key:${employerKey.keyId}`);
  });

  it("answers another recipient's timesheet in its own council as a missing one, and stores nothing", async () => {
    const approve = await api.when((http) =>
      http
        .post(`/recipients/${neighbour}/employments/e-self-2/timesheets/2026-04-04-1/approve`)
        .set(asEmployer())
        .send({ approvedBy: 'employer', approvedOn: '2026-04-10' }),
    );
    await api.thenProblem(approve, 404, 'employment.not-found');
    const submit = await api.when((http) =>
      http
        .post(`/recipients/${neighbour}/employments/e-self-2/timesheets`)
        .set(asEmployer())
        .send({ ...PERIOD, shifts: [SHIFT], channel: 'portal', submittedBy: 'employer' }),
    );
    await api.thenProblem(submit, 404, 'employment.not-found');
  });

  it('may not run payroll: the bureau runs it, and that route does not admit employers', async () => {
    const run = await api.when((http) =>
      http.post(`/recipients/${own}/pay-runs`).set(asEmployer()).send({ payDate: '2026-04-10' }),
    );
    await api.thenProblem(run, 403, 'access.role');
  });

  it('is issued only bound to recipients, holding the employer role alone, for recipients of its councils', async () => {
    const send = (body: Record<string, unknown>) =>
      api.when((http) => http.post('/api-keys').set(api.as('admin')).send(body));
    const base = { integration: 'portal-bad', roles: ['employer'], councils: ['kent'] };

    const unbound = await send(base);
    await api.thenProblem(unbound, 400, 'input.invalid', ['recipients']);
    expect(JSON.stringify(unbound.body)).toContain('is required with the employer role');

    const mixed = await send({ ...base, roles: ['employer', 'payroll-operator'], recipients: [own] });
    await api.thenProblem(mixed, 400, 'input.invalid', ['roles']);
    expect(JSON.stringify(mixed.body)).toContain('an employer key holds the employer role alone');

    const staff = await send({ ...base, roles: ['auditor'], recipients: [own] });
    await api.thenProblem(staff, 400, 'input.invalid', ['recipients']);
    expect(JSON.stringify(staff.body)).toContain('is only for a key with the employer role');

    const elsewhere = await send({ ...base, councils: ['leeds'], recipients: [own] });
    await api.thenProblem(elsewhere, 422, 'api-key.recipient-unknown');
    expect(elsewhere.body.detail).toContain(`recipients[0]: no enrolled recipient ${own} in the key's councils`);
  });
});
