import { apiSpec } from '../test/api-spec';
import { paHired, payslipIssued } from '../test/given-events';

/**
 * A PA reads their own payslips: a key (or an identity provider's token) bound to the PA's own employments lists and
 * downloads the payslips of those employments, and reaches nothing else: not another PA's payslip of the same
 * employer, not the employer's account, not another employer's records. The issue: "a PA's payslips are downloadable
 * by the PA and their employer only".
 */
describe('a PA reading their own payslips', () => {
  const api = apiSpec();
  const employer = 'r-pa-employer';
  const mine = 'e-pa-mine';
  const colleague = 'e-pa-colleague';
  let paKey: { keyId: string; apiKey: string };
  const asPa = () => ({ Authorization: `Bearer ${paKey.apiKey}` });

  beforeAll(async () => {
    await api
      .http()
      .post('/recipients')
      .set(api.as('admin'))
      .send({
        recipientId: employer,
        councilId: 'kent',
        recipientType: 'adult',
        name: 'Sam Patel',
        accountType: 'bank-account',
      })
      .expect(201);
    await api.given({
      [`recipient-${employer}`]: [
        { type: 'PaHired', data: paHired(employer, mine, 'Ali') },
        { type: 'PaHired', data: paHired(employer, colleague, 'Bo') },
      ],
      [`payroll-${employer}-2026-27`]: [
        { type: 'PayslipIssued', data: payslipIssued(employer, mine, { payslipId: 'slip-mine', payRunId: 'run-1' }) },
        {
          type: 'PayslipIssued',
          data: payslipIssued(employer, colleague, { payslipId: 'slip-colleague', payRunId: 'run-1' }),
        },
      ],
    });
    paKey = await api.issueKey('pa-portal-ali', ['pa'], ['kent'], undefined, {
      employments: [{ recipientId: employer, employmentId: mine }],
    });
  });

  it('lists its own payslips of the year with their gross and net pay', async () => {
    const res = await api.http().get(`/recipients/${employer}/employments/${mine}/payslips/2026-27`).set(asPa());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      recipientId: employer,
      employmentId: mine,
      taxYear: '2026-27',
      payslips: [{ payslipId: 'slip-mine', payDate: '2026-04-30', taxPeriod: 1, gross: '500.00', netPay: '440.00' }],
    });
    expect(res.body.payslips).toHaveLength(1);
  });

  it('downloads its own payslip as a PDF', async () => {
    const res = await api
      .http()
      .get(`/recipients/${employer}/payslips/2026-27/slip-mine`)
      .query({ format: 'pdf' })
      .set(asPa())
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect((res.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it("answers a colleague's payslip of the same employer as a missing one", async () => {
    const slip = await api.when((http) =>
      http.get(`/recipients/${employer}/payslips/2026-27/slip-colleague`).set(asPa()),
    );
    await api.thenProblem(slip, 404, 'recipient.not-found');
    const list = await api.when((http) =>
      http.get(`/recipients/${employer}/employments/${colleague}/payslips/2026-27`).set(asPa()),
    );
    await api.thenProblem(list, 404, 'recipient.not-found');
  });

  it("may not read its employer's account or records: those routes do not admit a PA", async () => {
    const account = await api.when((http) => http.get(`/recipients/${employer}/account`).set(asPa()));
    await api.thenProblem(account, 403, 'access.role');
    const recipient = await api.when((http) => http.get(`/recipients/${employer}`).set(asPa()));
    await api.thenProblem(recipient, 403, 'access.role');
  });

  it('is issued only bound to employments on its councils’ rosters, holding the pa role alone', async () => {
    const send = (body: Record<string, unknown>) =>
      api.when((http) => http.post('/api-keys').set(api.as('admin')).send(body));
    const base = { integration: 'pa-portal-bad', roles: ['pa'], councils: ['kent'] };

    const unbound = await send(base);
    await api.thenProblem(unbound, 400, 'input.invalid', ['employments']);
    expect(JSON.stringify(unbound.body)).toContain("is required with the pa role: name the PA's own employments");

    const mixed = await send({
      ...base,
      roles: ['pa', 'auditor'],
      employments: [{ recipientId: employer, employmentId: mine }],
    });
    await api.thenProblem(mixed, 400, 'input.invalid', ['roles']);

    const employerKey = await send({
      ...base,
      roles: ['employer'],
      recipients: [employer],
      employments: [{ recipientId: employer, employmentId: mine }],
    });
    await api.thenProblem(employerKey, 400, 'input.invalid', ['employments']);

    const notHired = await send({ ...base, employments: [{ recipientId: employer, employmentId: 'e-nobody' }] });
    await api.thenProblem(notHired, 422, 'api-key.employment-unknown');
    expect(notHired.body.detail).toContain(`employments[0]: no employment e-nobody of recipient ${employer}`);

    const elsewhere = await send({
      ...base,
      councils: ['leeds'],
      employments: [{ recipientId: employer, employmentId: mine }],
    });
    await api.thenProblem(elsewhere, 422, 'api-key.employment-unknown');
  });
});
