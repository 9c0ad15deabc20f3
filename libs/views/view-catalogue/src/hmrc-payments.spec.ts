import { DateTime } from 'luxon';
import { v4 as uuid } from 'uuid';
import { systemPrincipal, type Principal } from '@dpe/access';
import { bacsReferenceProblem, HMRC_REFERENCE_RULES } from '@dpe/bank-payments';
import { runQuery } from '@dpe/decider';
import { openEventStore, type EventStore, type NewEvent } from '@dpe/event-store';
import { Money } from '@dpe/money';
import { payrollKey, payrollStream, type PaymentRecordedData, type PayslipIssuedData } from '@dpe/pay-runs';
import { recipientStream, type EmployerRegisteredData, type RecipientEnrolledData } from '@dpe/recipients';
import { taxMonthOf, taxYearOf } from '@dpe/tax-calendar';
import { PROJECTIONS, VIEW_QUERIES } from './catalogue';
import { listHmrcPayments, type HmrcPayment } from './hmrc-payments';
import { ProjectedViews } from './read-models';

/**
 * The HMRC payment per employer for a tax month, as given events → the P32 projection → the query. Tax month 3 of
 * 2026-27 is 6 June to 5 July 2026; its PAYE is due by 22 July 2026. Every figure below is worked by hand in its
 * comment.
 */

// ---- given events -------------------------------------------------------------------------------------------------

interface Given {
  readonly streamId: string;
  readonly event: NewEvent;
}

function event(type: string, data: unknown, schemaVersion = 1): NewEvent {
  return {
    id: uuid(),
    type,
    schemaVersion,
    data,
    metadata: {
      correlationId: 'spec',
      causationId: 'spec',
      commandId: uuid(),
      actor: 'spec',
      occurredAt: '2026-04-06T09:00:00+01:00',
    },
  };
}

function enrolled(recipientId: string, councilId: string): Given {
  const data: RecipientEnrolledData = {
    recipientId,
    councilId,
    recipientType: 'adult',
    name: 'Dana Employer',
    representative: null,
    accountType: 'managed-account',
    employerReferences: null,
    enrolledOn: '2026-03-01',
  };
  return { streamId: recipientStream.streamId(recipientId), event: event('RecipientEnrolled', data, 3) };
}

function registered(recipientId: string, payeReference: string, accountsOfficeReference: string): Given {
  const data: EmployerRegisteredData = {
    recipientId,
    payeReference,
    accountsOfficeReference,
    employmentAllowance: true,
    pensionScheme: null,
    employersLiabilityInsurance: null,
    bureauActsAsAgent: true,
    registeredOn: '2026-03-02',
    warnings: [],
  };
  return { streamId: recipientStream.streamId(recipientId), event: event('EmployerRegistered', data) };
}

const payrollStreamId = (recipientId: string, taxYear: string) =>
  payrollStream.streamId(payrollKey(recipientId, taxYear));

interface Figures {
  readonly incomeTax: string;
  readonly employeeNic: string;
  readonly employerNic: string;
  readonly employmentAllowance?: string;
  readonly studentLoan?: string;
  readonly postgraduateLoan?: string;
}

let payslips = 0;

/** PayslipIssued with every field of the real event; only its PAYE figures and pay date matter to the P32. */
function payslip(recipientId: string, payDate: string, figures: Figures): Given {
  payslips += 1;
  const taxYear = taxYearOf(payDate).id;
  const month = taxMonthOf(payDate);
  const data: PayslipIssuedData = {
    payslipId: `payslip-${payslips}`,
    payRunId: `run-${recipientId}-${payDate}`,
    recipientId,
    employmentId: `employment-${recipientId}`,
    payrollId: `pay-${payslips}`,
    payDate,
    taxYear,
    frequency: 'monthly',
    taxPeriod: month.month,
    periodStart: month.firstDay,
    periodEnd: month.lastDay,
    correction: false,
    lines: [
      {
        kind: 'hours',
        description: 'hours',
        quantity: null,
        rate: null,
        amount: '1000.00',
        taxable: true,
        source: `source-${payslips}`,
      },
    ],
    gross: '1000.00',
    taxablePay: '1000.00',
    niablePay: '1000.00',
    taxCode: '1257L',
    week1Month1: false,
    niCategory: 'A',
    deductions: {
      incomeTax: figures.incomeTax,
      employeeNic: figures.employeeNic,
      studentLoan: figures.studentLoan ?? '0.00',
      postgraduateLoan: figures.postgraduateLoan ?? '0.00',
      pensionEmployee: '0.00',
    },
    employer: {
      employerNic: figures.employerNic,
      employmentAllowance: figures.employmentAllowance ?? '0.00',
      pensionEmployer: '0.00',
    },
    niBands: { atLel: '0.00', lelToPt: '0.00', ptToUel: '0.00' },
    netPay: '0.00',
    ytd: {
      gross: '1000.00',
      taxablePay: '1000.00',
      tax: figures.incomeTax,
      employeeNic: figures.employeeNic,
      employerNic: figures.employerNic,
      studentLoan: figures.studentLoan ?? '0.00',
      postgraduateLoan: figures.postgraduateLoan ?? '0.00',
      pensionEmployee: '0.00',
      pensionEmployer: '0.00',
      ssp: '0.00',
    },
    pension: { assessment: 'not-assessed', enrolled: false },
    holiday: { accruedHours: '0.00', takenHours: '0.00' },
    minimumWage: { requiredRate: '12.71', hours: '0.00', pay: '0.00' },
    inputs: { timesheetIds: [], absenceIds: [], taxCodeSource: 'starter', finalPay: false },
    paidTo: { sortCode: '200000', accountEnding: '9911' },
  };
  return { streamId: payrollStreamId(recipientId, taxYear), event: event('PayslipIssued', data) };
}

/** PaymentRecorded of PAYE to HMRC for a tax month. */
function payePaid(recipientId: string, taxMonth: number, amount: string, paidOn: string): Given {
  const data: PaymentRecordedData = {
    paymentId: uuid(),
    recipientId,
    payee: 'hmrc',
    settles: { kind: 'paye', taxYear: '2026-27', taxMonth },
    amount,
    paidOn,
    reference: 'spec',
  };
  return { streamId: payrollStreamId(recipientId, '2026-27'), event: event('PaymentRecorded', data) };
}

// HMRC's valid test Accounts Office reference: weights 9,10,11,12,0,8,7,6,5,4,3,2,1 over 1,2,3,P=48,W,1,...,8 give
// 9 + 20 + 33 + 576 + 0 + 8 + 14 + 18 + 20 + 20 + 18 + 14 + 8 = 758; 758 mod 23 = 22, check character "W".
const AOR_A = '123PW12345678';
// 4·9 + 7·10 + 5·11 + 48·12 + 0 + 0 + 0 + 0 + 4·5 + 2·4 + 1·3 + 1·2 + 8·1 = 778; 778 mod 23 = 19, check character "T".
const AOR_D = '475PT00042118';
// GOV.UK's own illustration, which fails the check (its check character would be "G": see bank-payments' hmrc.spec).
// register-as-employer refuses it today; an EmployerRegistered recorded before that check was added still holds it.
const BAD_AOR = '123PA00012345';

const GIVEN: readonly Given[] = [
  // r-1001, Kent: two payslips in tax month 3, part paid; a payslip in month 2 that is not this month's.
  enrolled('r-1001', 'kent'),
  registered('r-1001', '123/PW12345', AOR_A),
  payslip('r-1001', '2026-05-29', { incomeTax: '50.00', employeeNic: '20.00', employerNic: '25.00' }), // month 2
  payslip('r-1001', '2026-06-12', {
    incomeTax: '112.40',
    employeeNic: '48.16',
    employerNic: '61.90',
    studentLoan: '17.00',
  }),
  payslip('r-1001', '2026-06-26', {
    incomeTax: '98.60',
    employeeNic: '41.24',
    employerNic: '55.35',
    employmentAllowance: '55.35',
    postgraduateLoan: '9.00',
  }),
  payePaid('r-1001', 3, '100.00', '2026-07-10'),
  // r-1002, Kent: month 3 due 40.00 + 20.00 + 25.00 = 85.00, paid in full on 20 July.
  enrolled('r-1002', 'kent'),
  registered('r-1002', '120/AS123', '120PY19064375'),
  payslip('r-1002', '2026-06-19', { incomeTax: '40.00', employeeNic: '20.00', employerNic: '25.00' }),
  payePaid('r-1002', 3, '85.00', '2026-07-20'),
  // r-1003, Leeds: an Accounts Office reference that fails HMRC's check.
  enrolled('r-1003', 'leeds'),
  registered('r-1003', '123/PA12345', BAD_AOR),
  payslip('r-1003', '2026-06-30', { incomeTax: '30.00', employeeNic: '12.00', employerNic: '14.50' }),
  // r-1004, Kent: payable, nothing paid.
  enrolled('r-1004', 'kent'),
  registered('r-1004', '475/PT42118', AOR_D),
  payslip('r-1004', '2026-07-03', { incomeTax: '60.00', employeeNic: '25.00', employerNic: '30.00' }),
  // r-1005, Kent: paid PAs but never registered as an employer, so no Accounts Office reference at all.
  enrolled('r-1005', 'kent'),
  payslip('r-1005', '2026-06-15', { incomeTax: '10.00', employeeNic: '5.00', employerNic: '6.00' }),
];

const HMRC = { sortCode: '083210', accountNumber: '12001039', accountName: 'HMRC Cumbernauld' };

// ---- the scenario -------------------------------------------------------------------------------------------------

const london = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' });
let store: EventStore;
let views: ProjectedViews;

const ask = (params: Record<string, string>, principal: Principal = systemPrincipal('hmrc-payments-spec')) =>
  runQuery(store, listHmrcPayments, params, principal, london('2026-07-25T12:00'), views) as Promise<HmrcPayment[]>;

beforeAll(async () => {
  store = await openEventStore('memory:');
  for (const { streamId, event: each } of GIVEN) await store.append(streamId, [each], 'any');
  views = new ProjectedViews(store, ':memory:', PROJECTIONS);
});

afterAll(async () => {
  await views.close();
  await store.close();
});

describe('list-hmrc-payments: what the bureau pays HMRC for a tax month, per employer', () => {
  it('is one of the view queries, served at /paye-liabilities/hmrc-payments and as `dpe hmrc-payments`', () => {
    expect(VIEW_QUERIES).toContain(listHmrcPayments);
    expect(listHmrcPayments.http.path).toBe('/paye-liabilities/hmrc-payments');
    expect(listHmrcPayments.cli).toBe('hmrc-payments');
  });

  it('gives each employer with something outstanding its amount, HMRC Cumbernauld and the 17-character reference', async () => {
    const rows = await ask({ taxYear: '2026-27', taxMonth: '3' });
    // In recipient order; r-1002 paid month 3 in full (85.00 − 85.00 = 0.00), so it has no row.
    expect(rows.map((row) => row.recipientId)).toEqual(['r-1001', 'r-1003', 'r-1004', 'r-1005']);
    expect(rows[0]).toEqual({
      recipientId: 'r-1001',
      councilId: 'kent',
      payeReference: '123/PW12345',
      accountsOfficeReference: AOR_A,
      taxYear: '2026-27',
      taxMonth: 3,
      // tax month 3 ends 5 July; electronic payment is due by the 22nd: 22 July 2026
      dueDate: '2026-07-22',
      // tax 112.40 + 98.60 = 211.00; employee NI 48.16 + 41.24 = 89.40; employer NI 61.90 + 55.35 = 117.25;
      // allowance 55.35; student loan 17.00; postgraduate loan 9.00 (month 2's payslip is not counted):
      // 211.00 + 89.40 + 117.25 − 55.35 + 17.00 + 9.00 = 388.30 due, − 100.00 paid = 288.30
      amount: '288.30',
      // 123PW12345678, then 27 (2026-27 ends in 2027), then 03 (month 3)
      reference: '123PW123456782703',
      payee: HMRC,
      problem: null,
    });
    expect(rows[2]).toMatchObject({
      recipientId: 'r-1004',
      amount: '115.00', // 60.00 + 25.00 + 30.00
      reference: '475PT000421182703',
      payee: HMRC,
      problem: null,
    });
  });

  it('writes a reference the bank takes: 17 letters and digits, within its 18 characters', async () => {
    const [first] = await ask({ taxYear: '2026-27', taxMonth: '3' });
    expect(first!.reference).toHaveLength(17);
    expect(first!.reference).toMatch(/^[0-9A-Z]{17}$/);
    expect(bacsReferenceProblem(first!.reference!)).toBeUndefined();
  });

  it('keeps an employer it cannot pay, with no reference and the rule broken, so the operator sees it', async () => {
    const rows = await ask({ taxYear: '2026-27', taxMonth: '3' });
    const bad = rows.find((row) => row.recipientId === 'r-1003')!;
    expect(bad).toMatchObject({
      councilId: 'leeds',
      accountsOfficeReference: BAD_AOR,
      amount: '56.50', // 30.00 + 12.00 + 14.50
      reference: null,
      payee: HMRC,
    });
    expect(bad.problem).toContain(HMRC_REFERENCE_RULES.accountsOfficeReference);
    expect(bad.problem).toContain('check character');

    const unregistered = rows.find((row) => row.recipientId === 'r-1005')!;
    expect(unregistered).toMatchObject({ accountsOfficeReference: null, amount: '21.00', reference: null }); // 10 + 5 + 6
    expect(unregistered.problem).toContain(HMRC_REFERENCE_RULES.accountsOfficeReference);
    expect(unregistered.problem).toContain('no Accounts Office reference');
  });

  it('as at a date, counts only the payments made by then', async () => {
    // As at 15 July r-1002's payment of 20 July has not been made: 85.00 is outstanding.
    const rows = await ask({ taxYear: '2026-27', taxMonth: '3', asAt: '2026-07-15' });
    expect(rows.map((row) => [row.recipientId, row.amount])).toEqual([
      ['r-1001', '288.30'],
      ['r-1002', '85.00'],
      ['r-1003', '56.50'],
      ['r-1004', '115.00'],
      ['r-1005', '21.00'],
    ]);
    expect(rows[1]!.reference).toBe('120PY190643752703');
  });

  it('answers month 2 with month 2 alone, under its own reference', async () => {
    const rows = await ask({ taxYear: '2026-27', taxMonth: '2' });
    // r-1001's payslip of 29 May: 50.00 + 20.00 + 25.00 = 95.00, due 22 June, reference …2702
    expect(rows).toEqual([
      expect.objectContaining({
        recipientId: 'r-1001',
        amount: '95.00',
        dueDate: '2026-06-22',
        reference: '123PW123456782702',
      }),
    ]);
  });

  it("shows a council's employers only, by filter or by the caller's scope", async () => {
    const leeds = await ask({ taxYear: '2026-27', taxMonth: '3', councilId: 'leeds' });
    expect(leeds.map((row) => row.recipientId)).toEqual(['r-1003']);
    const kentFinance: Principal = {
      actor: 'key:kent-finance',
      kind: 'key',
      roles: ['council-finance'],
      councils: ['kent'],
    };
    const kent = await ask({ taxYear: '2026-27', taxMonth: '3' }, kentFinance);
    expect(kent.map((row) => row.recipientId)).toEqual(['r-1001', 'r-1004', 'r-1005']);
  });

  it('refuses a tax month outside 1 to 12 and a missing tax year', async () => {
    await expect(ask({ taxYear: '2026-27', taxMonth: '13' })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: 'taxMonth' })],
    });
    await expect(ask({ taxMonth: '3' })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: 'taxYear' })],
    });
  });
});

describe('list-hmrc-payments format=file: the bank bulk-payment CSV', () => {
  it('has one credit to HMRC Cumbernauld per payable employer, with its reference, and leaves out the rest', async () => {
    const rows = await ask({ taxYear: '2026-27', taxMonth: '3' });
    const file = listHmrcPayments.representations!['file']!;
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    expect(file.fileName(rows)).toBe('hmrc-payments-2026-27-m03.csv');
    const text = String(await file.render(rows));
    const lines = text.split('\r\n');
    expect(lines.pop()).toBe(''); // every line ends in CRLF
    expect(lines).toEqual([
      'Payee name,Sort code,Account number,Amount,Reference',
      'HMRC Cumbernauld,083210,12001039,288.30,123PW123456782703',
      'HMRC Cumbernauld,083210,12001039,115.00,475PT000421182703',
    ]);
    // r-1003 (bad reference) and r-1005 (none) are not in the file: the JSON says why. The file pays
    // 288.30 + 115.00 = 403.30, what the payable rows owe.
    const credits = lines.slice(1).map((line) => line.split(','));
    expect(credits.every(([, sortCode, account]) => sortCode === '083210' && account === '12001039')).toBe(true);
    expect(Money.sum(credits.map(([, , , amount]) => Money.of(amount!))).toString()).toBe('403.30');
  });

  it('is a header alone when nothing is owed for the month', async () => {
    const rows = await ask({ taxYear: '2026-27', taxMonth: '1' });
    expect(rows).toEqual([]);
    const file = listHmrcPayments.representations!['file']!;
    expect(String(await file.render(rows))).toBe('Payee name,Sort code,Account number,Amount,Reference\r\n');
    expect(file.fileName(rows)).toBe('hmrc-payments.csv');
  });
});
