import { executeCommand, londonNow } from '@dpe/decider';
import { Money } from '@dpe/money';
import { raiseRecovery, recordRecoveryPayment } from '@dpe/recoveries';
import { apiSpec } from '../test/api-spec';

/**
 * The three users' views over one employer, end to end through the HTTP API: a DP account funded by the council, a
 * PA paid one week, PAYE left partly unpaid past the 22nd, a surplus with accrued holiday ring-fenced, and a recovery
 * from proposal to close. Every figure below is worked by hand from the rules (the arithmetic is in the comments),
 * not read from the engine.
 */
describe('the views: balances, PAYE liabilities and audit-clawback, end to end', () => {
  const api = apiSpec();
  const R = 'r-views';
  const E = 'e-views';
  const get = (path: string, who: 'operator' | 'finance' | 'auditor' = 'finance') =>
    api.http().get(path).set(api.as(who));
  const ok = async (path: string, body: object, who: 'operator' | 'finance' = 'operator') => {
    const res = await api.http().post(path).set(api.as(who)).send(body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, unknown>;
  };
  let headAfterPayroll = '';
  let balanceAfterPayroll: unknown;

  beforeAll(async () => {
    // Kent's policy: 4 weeks of contingency; unpaid wages, PAYE and accrued holiday ring-fenced; 28 days' notice.
    await ok(
      '/councils/kent/policy',
      {
        effectiveFrom: '2026-04-01',
        contingencyWeeks: 4,
        ringFences: ['unpaid-wages', 'paye-due', 'accrued-holiday'],
        recoveryMethods: ['invoice'],
        recoveryNoticeDays: 28,
        auditCadenceMonths: 12,
      },
      'finance',
    );
    await ok('/recipients', {
      recipientId: R,
      councilId: 'kent',
      recipientType: 'adult',
      name: 'Vera Employer',
      accountType: 'managed-account',
      enrolledOn: '2026-03-20',
    });
    await ok(`/recipients/${R}/employer`, {
      payeReference: '120/VW123',
      accountsOfficeReference: '120PY19064375',
      employmentAllowance: false,
      bureauActsAsAgent: true,
      registeredOn: '2026-03-21',
    });
    await ok(`/recipients/${R}/budget`, { grossWeekly: '300.00', effectiveFrom: '2026-04-01' }, 'finance');
    await ok(
      `/recipients/${R}/funding`,
      {
        amount: '6000.00',
        periodFrom: '2026-04-01',
        periodTo: '2026-06-30',
        remittanceReference: 'KCC-VIEWS-1',
        receivedOn: '2026-04-01',
      },
      'finance',
    );
    await ok(`/recipients/${R}/employments`, {
      employmentId: E,
      pa: {
        forename: 'Pat',
        surname: 'Assistant',
        nationalInsuranceNumber: 'AB123456C',
        dateOfBirth: '1990-05-01',
        gender: 'F',
        address: { lines: ['2 Mill Lane', 'Maidstone'], postcode: 'ME14 2AB' },
      },
      startDate: '2026-04-04',
      starter: { kind: 'statement', statement: 'A' },
      taxCode: '1257L',
      schedule: { frequency: 'weekly', firstPayDate: '2026-04-10', daysInArrears: 0 },
      rates: { standard: '13.00' },
      holiday: { basis: 'accrual' },
      pension: 'opted-out',
      bank: { accountName: 'P Assistant', sortCode: '20-00-00', accountNumber: '55779911' },
    });
    // Two 7-hour shifts in the week to 10 April: 14 hours.
    const sheet = await ok(`/recipients/${R}/employments/${E}/timesheets`, {
      periodStart: '2026-04-04',
      periodEnd: '2026-04-10',
      shifts: [
        { date: '2026-04-06', start: '09:00', hours: '7', rateKind: 'standard' },
        { date: '2026-04-08', start: '09:00', hours: '7', rateKind: 'standard' },
      ],
      channel: 'paper',
      submittedBy: 'pa',
    });
    await ok(`/recipients/${R}/employments/${E}/timesheets/${String(sheet['timesheetId'])}/approve`, {
      approvedBy: 'employer',
      approvedOn: '2026-04-10',
    });
    await ok(`/recipients/${R}/pay-runs`, { payDate: '2026-04-10' });
    await ok(`/recipients/${R}/payments`, {
      settles: { kind: 'net-pay', employmentId: E, payDate: '2026-04-10' },
      amount: '182.00',
      paidOn: '2026-04-10',
      reference: 'NET-1',
    });
    balanceAfterPayroll = (await get(`/recipients/${R}/balance`).expect(200)).body;
    headAfterPayroll = (await api.store.headPosition()).toString();
  });

  it('shows the DP account: cash, committed, weeks of cover and whose money it is', async () => {
    const balance = (await get(`/recipients/${R}/balance`).expect(200)).body;
    expect(balance).toMatchObject({
      // 6000.00 funded − 182.00 net pay paid (14 h × 13.00 = 182.00 gross; no tax, no employee NI: below the
      // £242 weekly primary threshold and the 1257L week-1 free pay) = 5818.00
      cash: '5818.00',
      // employer NI not yet paid: (182.00 − 96.00 secondary threshold) × 15% = 12.90
      committed: '12.90',
      // 5818.00 ÷ 300.00 = 19.39…, rounded down to 19.3 weeks
      weeksOfCover: '19.3',
      cashBySource: { council: '5818.00', client: '0.00' },
    });
    // Every leg balances: Σ debits = Σ credits.
    const entries = (await get(`/recipients/${R}/ledger`).expect(200)).body as { side: string; amount: string }[];
    const total = (side: string) => Money.sum(entries.filter((e) => e.side === side).map((e) => Money.of(e.amount)));
    expect(total('debit').toString()).toBe(total('credit').toString());
    expect(entries.length).toBeGreaterThan(0);
  });

  it('shows the P32: employer NI due by 22 May, overdue once that has passed with part of it unpaid', async () => {
    await ok(`/recipients/${R}/payments`, {
      settles: { kind: 'paye', taxYear: '2026-27', taxMonth: 1 },
      amount: '10.00',
      paidOn: '2026-05-20',
      reference: 'HMRC-1',
    });
    const rows = (await get(`/paye-liabilities?recipientId=${R}&taxYear=2026-27&asAt=2026-06-01`).expect(200)).body;
    expect(rows).toEqual([
      expect.objectContaining({
        taxMonth: 1,
        dueDate: '2026-05-22',
        incomeTax: '0.00',
        employeeNic: '0.00',
        employerNic: '12.90',
        due: '12.90',
        paid: '10.00',
        // 12.90 − 10.00 = 2.90, and 1 June is after 22 May
        outstanding: '2.90',
        overdue: true,
      }),
    ]);
    const quarters = (await get(`/recipients/${R}/paye-quarters?taxYear=2026-27&asAt=2026-06-01`).expect(200)).body;
    // 12.90 due over the months so far is far under £1,500 a month: the employer may pay quarterly.
    expect(quarters).toMatchObject({ mayPayQuarterly: true });
  });

  it('works out the recoverable surplus under the council policy, with accrued holiday ring-fenced', async () => {
    const view = (await get(`/recipients/${R}/audit-clawback?on=2026-06-01`).expect(200)).body;
    expect(view).toMatchObject({
      policyVersion: 1,
      surplus: {
        // cash 6000.00 − 182.00 − 10.00 PAYE paid = 5808.00; PAYE still owed 2.90;
        // holiday accrued 14 h × 12.07% = 1.6898 h, × 13.00 = 21.9674, to the penny 21.97;
        // contingency 4 weeks × 300.00 = 1200.00;
        // surplus 5808.00 − 2.90 − 21.97 − 1200.00 = 4583.13, all of it council money
        surplus: '4583.13',
        split: { councilShare: '4583.13', clientShare: '0.00' },
      },
      flags: { surplus: true, disallowedSpend: { count: 0, amount: '0.00' } },
    });
  });

  it('recovers part of the surplus: proposed, raised after the notice window, paid and closed', async () => {
    const proposed = await ok(
      `/recipients/${R}/recoveries`,
      { amount: '1000.00', reason: 'unspent at review' },
      'finance',
    );
    const recoveryId = String(proposed['recoveryId']);
    // Raising before the 28 days' notice ends is refused.
    const early = await api
      .http()
      .post(`/recipients/${R}/recoveries/${recoveryId}/raise`)
      .set(api.as('finance'))
      .send({ method: 'invoice' });
    expect(early.status).toBe(422);
    // 29 days later the council raises it and the money comes back.
    const later = londonNow().plus({ days: 29 });
    const finance = {
      actor: 'key:spec-finance',
      kind: 'key' as const,
      roles: ['council-finance' as const],
      councils: ['kent'],
    };
    await executeCommand(
      api.store,
      raiseRecovery,
      { recipientId: R, recoveryId, method: 'invoice' },
      { principal: finance, now: later },
    );
    await executeCommand(
      api.store,
      recordRecoveryPayment,
      { recipientId: R, recoveryId, amount: '1000.00', receivedOn: later.toISODate()!, reference: 'INV-VIEWS-1' },
      { principal: finance, now: later },
    );
    const view = (await get(`/recipients/${R}/audit-clawback`).expect(200)).body;
    expect(view).toMatchObject({ openRecovery: null });
    // The money recovered left the account: 5808.00 − 1000.00 = 4808.00
    expect((await get(`/recipients/${R}/balance`).expect(200)).body).toMatchObject({ cash: '4808.00' });
  });

  it('answers as at a past position exactly as the live view stood then, and as at a date with a late correction', async () => {
    const asItStood = (await get(`/recipients/${R}/balance?asAtPosition=${headAfterPayroll}`).expect(200)).body;
    expect(asItStood).toEqual(balanceAfterPayroll);
    // A correction recorded now about April: £500 more funding received on 15 April.
    await ok(
      `/recipients/${R}/funding`,
      {
        amount: '500.00',
        periodFrom: '2026-04-01',
        periodTo: '2026-06-30',
        remittanceReference: 'KCC-VIEWS-LATE',
        receivedOn: '2026-04-15',
      },
      'finance',
    );
    // As at 30 April it counts (6000.00 + 500.00 − 182.00 = 6318.00); as at a position before it was recorded, not.
    expect((await get(`/recipients/${R}/balance?asAt=2026-04-30`).expect(200)).body).toMatchObject({ cash: '6318.00' });
    expect((await get(`/recipients/${R}/balance?asAtPosition=${headAfterPayroll}`).expect(200)).body).toEqual(
      balanceAfterPayroll,
    );
  });

  it('answers a list as CSV, escaping a cell a spreadsheet would run as a formula', async () => {
    const csv = await get(`/recipients/${R}/ledger?format=csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...lines] = csv.text.trim().split('\r\n');
    expect(header!.split(',')).toEqual(expect.arrayContaining(['eventId', 'account', 'counterAccount', 'amount']));
    expect(lines.length).toBeGreaterThan(0);
    const bad = await get(`/recipients/${R}/ledger?format=xml`);
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([{ path: 'format', rule: 'must be json or csv' }]);
  });

  it('downloads the payslip as a PDF and the FPS as its GovTalk XML, each under the document policies', async () => {
    const slip = (await api.store.readStream(`payroll-${R}-2026-27`)).find((event) => event.type === 'PayslipIssued')!
      .data as { payslipId: string; netPay: string };
    const path = `/recipients/${R}/payslips/2026-27/${slip.payslipId}`;
    const pdf = await get(`${path}?format=pdf`, 'operator')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename="payslip-/);
    expect((pdf.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Council finance sees figures, not a PA's payslip.
    expect((await get(`${path}?format=pdf`, 'finance')).status).toBe(403);
    expect((await get(`${path}?format=docx`, 'operator')).body.issues).toEqual([
      { path: 'format', rule: 'must be json, csv, pdf or html' },
    ]);

    const fps = await ok(`/recipients/${R}/fps`, { payDate: '2026-04-10' });
    const xml = await get(`/recipients/${R}/fps/2026-27/${String(fps['documentId'])}?format=xml`, 'operator').expect(
      200,
    );
    expect(xml.headers['content-type']).toMatch(/^application\/xml/);
    expect(xml.text).toContain(`<IRmark Type="generic">${String(fps['irmark'])}</IRmark>`);
  });

  it("reconciles the pay date's net pay with the ledger: the PA paid by record-payment is owed nothing more", async () => {
    // The route sits beside /payment-files/:payDate/:fileId and must not be taken for a file id.
    const res = await api.http().get('/payment-files/2026-04-10/reconciliation').set(api.as('admin')).expect(200);
    expect(res.body).toMatchObject({
      payDate: '2026-04-10',
      employers: [
        {
          recipientId: R,
          payslipsNet: '182.00',
          payRunsNet: '182.00',
          wagesPayable: '0.00',
          alreadyPaid: [{ employmentId: E, paid: '182.00' }],
          inFile: null,
          status: 'paid-outside-file',
          reconciled: true,
        },
      ],
      files: [],
      reconciled: true,
      fileBlockedBy: [{ recipientId: R, employmentId: E, paid: '182.00' }],
    });
    // A file would pay the PA a second time: it is refused, naming the payment already recorded.
    const file = await api
      .http()
      .post('/payment-files')
      .set(api.as('admin'))
      .send({
        payDate: '2026-04-10',
        format: 'bulk-csv',
        originator: { sortCode: '089999', accountNumber: '66374958', accountName: 'DPSS CLIENT' },
      });
    expect(file.status).toBe(422);
    expect(file.body.code).toBe('payment-file.unreconciled');
    expect(file.body.detail).toContain(`employment ${E} has 182.00 of its net pay already recorded paid`);
  });

  it('flags a timesheet waiting for approval with its pay date days away, on the pay-risk monitor', async () => {
    const sheet = await ok(`/recipients/${R}/employments/${E}/timesheets`, {
      periodStart: '2026-04-11',
      periodEnd: '2026-04-17',
      shifts: [{ date: '2026-04-13', start: '09:00', hours: '7', rateKind: 'standard' }],
      channel: 'portal',
      submittedBy: 'pa',
    });
    const monitor = (await get('/pay-risks?on=2026-04-15').expect(200)).body;
    expect(monitor.nextMinimumWageRates).toEqual({ effectiveFrom: '2027-04-01', held: false });
    expect(monitor.risks).toContainEqual({
      kind: 'timesheet-not-paid',
      recipientId: R,
      councilId: 'kent',
      employmentId: E,
      detail: `timesheet ${String(sheet['timesheetId'])} is not yet approved; it is paid on 2026-04-17`,
    });
    // Another council's monitor shows none of it.
    const leeds = (await api.http().get('/pay-risks?on=2026-04-15').set(api.as('leeds-operator')).expect(200)).body;
    expect(leeds.risks).toEqual([]);
  });

  it('shows another council nothing, and reports every projection healthy and caught up', async () => {
    const leeds = await api.http().get(`/recipients/${R}/balance`).set(api.as('leeds-operator'));
    expect(leeds.status).toBe(404);
    // A list narrowed to a council: kent's has the account; leeds's (outside kent finance's scope) is empty.
    const kent = (await get('/balances?councilId=kent').expect(200)).body as { recipientId: string }[];
    expect(kent.map((row) => row.recipientId)).toContain(R);
    expect((await get('/balances?councilId=leeds').expect(200)).body).toEqual([]);
    const health = (await api.http().get('/health').expect(200)).body;
    expect(health).toMatchObject({ status: 'ok' });
    expect(health.projections.map((p: { name: string }) => p.name).sort()).toEqual(['balances', 'paye_liabilities']);
  });
});
