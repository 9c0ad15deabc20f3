import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v4 as uuid } from 'uuid';
import { openSqliteEventStore, type EventStore, type NewEvent } from '@dpe/event-store';
import { Money } from '@dpe/money';
import type { PayLine, PaymentRecordedData, PayRunCompletedData, PayslipIssuedData } from '@dpe/pay-runs';
import { Projector, type ReadModelRows } from '@dpe/projector';
import type { EmployerRegisteredData, RecipientEnrolledData } from '@dpe/recipients';
import { taxMonthOf, taxYearOf } from '@dpe/tax-calendar';
import { payeLiabilitiesProjection } from '../src';

/**
 * Given / then for the PAYE liabilities view: events appended to a real temporary SQLite store, projected, then read.
 * Every read is taken four times, and all four must be identical: after the first catch-up, after catching up again
 * (nothing new: nothing may change), after re-opening a Projector on the same read-model file and catching up (it
 * resumes from its checkpoint: nothing counted twice), and from a rebuild into a fresh file one event per page.
 */

/** An event and the stream it belongs on. */
export interface Given {
  readonly streamId: string;
  readonly event: NewEvent;
}

const metadata = (occurredAt = '2026-04-06T09:00:00+01:00') => ({
  correlationId: 'spec',
  causationId: 'spec',
  commandId: uuid(),
  actor: 'spec',
  occurredAt,
});

function event<Type extends string, Data>(type: Type, data: Data, schemaVersion = 1): NewEvent<Type, Data> {
  return { id: uuid(), type, schemaVersion, data, metadata: metadata() };
}

// ---- recipient stream -------------------------------------------------------------------------------------------

/** RecipientEnrolled, schema version 3 (the current one). */
export function enrolled(recipientId: string, councilId: string | null): Given {
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
  return { streamId: `recipient-${recipientId}`, event: event('RecipientEnrolled', data, 3) };
}

/** RecipientEnrolled as schema version 1 wrote it: the council as free text, the references under `employer`. */
export function enrolledV1(recipientId: string, council: string): Given {
  const data = {
    recipientId,
    council,
    recipientType: 'adult',
    name: 'Old Record',
    representative: null,
    accountType: 'bank-account',
    employer: { payeReference: '120/LG001', accountsOfficeReference: '120PL00012345' },
    enrolledOn: '2015-06-01',
  };
  return { streamId: `recipient-${recipientId}`, event: event('RecipientEnrolled', data, 1) };
}

export function registered(
  recipientId: string,
  payeReference: string,
  options: { employmentAllowance?: boolean } = {},
): Given {
  const data: EmployerRegisteredData = {
    recipientId,
    payeReference,
    accountsOfficeReference: `${payeReference.slice(0, 3)}PX00012345`,
    employmentAllowance: options.employmentAllowance ?? true,
    pensionScheme: null,
    employersLiabilityInsurance: null,
    bureauActsAsAgent: true,
    registeredOn: '2026-03-02',
    warnings: [],
  };
  return { streamId: `recipient-${recipientId}`, event: event('EmployerRegistered', data) };
}

// ---- payroll stream ---------------------------------------------------------------------------------------------

const payrollStreamId = (recipientId: string, taxYear: string) => `payroll-${recipientId}-${taxYear}`;

export interface Figures {
  readonly incomeTax: string;
  readonly employeeNic: string;
  readonly employerNic: string;
  readonly employmentAllowance?: string;
  readonly studentLoan?: string;
  readonly postgraduateLoan?: string;
  /** Gross lines other than hours (SMP, SPP, SSP, ...); an hours line of 500.00 is added when absent. */
  readonly lines?: readonly Pick<PayLine, 'kind' | 'amount'>[];
}

let payslipNumber = 0;

/** PayslipIssued (schema version 1) with every field of the real interface; only the PAYE figures matter here. */
export function payslip(recipientId: string, payDate: string, figures: Figures): Given {
  payslipNumber += 1;
  const taxYear = taxYearOf(payDate).id;
  const lines: PayLine[] = (figures.lines ?? [{ kind: 'hours', amount: '500.00' }]).map((line) => ({
    kind: line.kind,
    description: line.kind,
    quantity: null,
    rate: null,
    amount: line.amount,
    taxable: true,
    source: `source-${payslipNumber}`,
  }));
  const grossText = Money.sum(lines.map((line) => Money.of(line.amount))).toString();
  const data: PayslipIssuedData = {
    payslipId: `payslip-${payslipNumber}`,
    payRunId: `run-${recipientId}-${payDate}`,
    recipientId,
    employmentId: `employment-${recipientId}-${payslipNumber}`,
    payrollId: `pay-${payslipNumber}`,
    payDate,
    taxYear,
    frequency: 'monthly',
    taxPeriod: taxMonthOf(payDate).month,
    periodStart: taxMonthOf(payDate).firstDay,
    periodEnd: taxMonthOf(payDate).lastDay,
    correction: false,
    lines,
    gross: grossText,
    taxablePay: grossText,
    niablePay: grossText,
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
      gross: grossText,
      taxablePay: grossText,
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

/** PayRunCompleted (schema version 1) stating the PAYE due the run computed. */
export function payRunCompleted(recipientId: string, payDate: string, payeDue: string): Given {
  const month = taxMonthOf(payDate);
  const data: PayRunCompletedData = {
    payRunId: `run-${recipientId}-${payDate}`,
    recipientId,
    payDate,
    taxYear: month.taxYear,
    taxMonth: month.month,
    correction: null,
    payslips: 1,
    held: [],
    netPay: [],
    totals: { gross: '0.00', netPay: '0.00', payeDue, employmentAllowance: '0.00', pensionDue: '0.00' },
  };
  return { streamId: payrollStreamId(recipientId, month.taxYear), event: event('PayRunCompleted', data) };
}

/** PaymentRecorded (schema version 1) of PAYE for a tax month. */
export function payePaid(
  recipientId: string,
  taxYear: string,
  taxMonth: number,
  amount: string,
  paidOn: string,
): Given {
  const data: PaymentRecordedData = {
    paymentId: uuid(),
    recipientId,
    payee: 'hmrc',
    settles: { kind: 'paye', taxYear, taxMonth },
    amount,
    paidOn,
    reference: '120PX000123452701',
  };
  return { streamId: payrollStreamId(recipientId, taxYear), event: event('PaymentRecorded', data) };
}

/** PaymentRecorded (schema version 1) of a PA's net pay: not PAYE, so the view must pass it over. */
export function netPayPaid(recipientId: string, payDate: string, amount: string): Given {
  const taxYear = taxYearOf(payDate).id;
  const data: PaymentRecordedData = {
    paymentId: uuid(),
    recipientId,
    payee: 'pa',
    settles: { kind: 'net-pay', employmentId: `employment-${recipientId}`, payDate },
    amount,
    paidOn: payDate,
    reference: 'NET PAY',
  };
  return { streamId: payrollStreamId(recipientId, taxYear), event: event('PaymentRecorded', data) };
}

// ---- the scenario -----------------------------------------------------------------------------------------------

export type Read<T> = (rows: ReadModelRows<unknown>) => T;

/** Every row of the view's tables, so the specs compare the stored state as well as the query answers. */
export const storedRows: Read<unknown> = (rows) => ({
  employers: rows.all(
    rows.db
      .selectFrom('paye_liabilities_employers' as never)
      .selectAll()
      .orderBy('recipient_id' as never),
  ),
  months: rows.all(
    rows.db
      .selectFrom('paye_liabilities_months' as never)
      .selectAll()
      .orderBy('recipient_id' as never)
      .orderBy('tax_year' as never)
      .orderBy('tax_month' as never),
  ),
});

export class Scenario {
  private constructor(
    private readonly dir: string,
    private readonly store: EventStore,
  ) {}

  static async given(events: readonly Given[]): Promise<Scenario> {
    const dir = mkdtempSync(join(tmpdir(), 'dpe-paye-liabilities-'));
    const scenario = new Scenario(dir, await openSqliteEventStore(join(dir, 'dpe.db')));
    await scenario.and(events);
    return scenario;
  }

  /** More events, appended after those already given (and perhaps already projected). */
  async and(events: readonly Given[]): Promise<this> {
    for (const { streamId, event } of events) await this.store.append(streamId, [event], 'any');
    return this;
  }

  /**
   * Projects and reads four times (see the top of this file; not named `then`, which would make a Scenario a thenable); the reads and the stored rows must be identical each
   * time. Returns the read.
   */
  async thenRows<T>(read: Read<T>): Promise<T> {
    const file = join(this.dir, 'views.db');
    const snapshot = (projector: Projector) => ({
      read: read(projector.readModel),
      stored: storedRows(projector.readModel),
    });

    const first = new Projector(this.store, file, [payeLiabilitiesProjection]);
    await first.catchUp();
    const caughtUp = snapshot(first);
    await first.catchUp();
    expect(snapshot(first)).toEqual(caughtUp);
    await first.close();

    const reopened = new Projector(this.store, file, [payeLiabilitiesProjection]);
    await reopened.catchUp();
    expect(snapshot(reopened)).toEqual(caughtUp);
    await reopened.close();

    const rebuilt = new Projector(this.store, join(this.dir, `rebuilt-${uuid()}.db`), [payeLiabilitiesProjection], {
      pageSize: 1,
    });
    await rebuilt.catchUp();
    expect(snapshot(rebuilt)).toEqual(caughtUp);
    const [status] = await rebuilt.status();
    expect(status?.failed).toBeUndefined();
    await rebuilt.close();

    return caughtUp.read;
  }

  async close(): Promise<void> {
    await this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
