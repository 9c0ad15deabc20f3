import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { DateTime } from 'luxon';
import { systemPrincipal } from '@dpe/access';
import {
  executeCommand,
  fold,
  runQuery,
  type AnyCommandDeclaration,
  type DomainEvent,
  type StreamDeclaration,
} from '@dpe/decider';
import { recordLeaver } from '@dpe/employment';
import { openEventStore, type EventStore } from '@dpe/event-store';
import {
  prepareEps,
  prepareFps,
  recordRtiOutcome,
  recordRtiSubmission,
  showEps,
  showFps,
  showPaymentFile,
  showPaymentReconciliation,
  showPensionFile,
  rtiKey,
  rtiStream,
  type FpsPreparedData,
} from '@dpe/filings';
import { showPayslip } from '@dpe/documents';
import { Money } from '@dpe/money';
import { payrollKey, payrollStream, registeredEmployers, runPayroll, type PayslipIssuedData } from '@dpe/pay-runs';
import { recipientStream } from '@dpe/recipients';
import { checkAgainstSchema } from '@dpe/rti';
import { seedDemo } from './demo';

/**
 * Acceptance of the RTI filings over the demo scheme (`dpe demo`): every pay run's FPS and every employer's EPS of the
 * quarter is prepared through the commands, which refuse a document that breaks HMRC's 2026-27 XSD, and is checked
 * against the XSD again here. Then the FPS of a P45 starter, a leaver, a Scottish code, a student loan and NI category
 * M are read element by element and compared with the payslips they report (the payslip events, not our FPS code).
 */
const london = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' });
const YEAR = '2026-27';
const FPS_NS = 'http://www.govtalk.gov.uk/taxation/PAYE/RTI/FullPaymentSubmission/26-27/1';

const text = (parent: Element, path: string): string | null => {
  let node: Element | undefined = parent;
  for (const name of path.split('/')) {
    node = node ? (Array.from(node.getElementsByTagNameNS(FPS_NS, name))[0] as Element | undefined) : undefined;
  }
  return node?.textContent ?? null;
};

describe('RTI: the FPS and EPS of the demo scheme', () => {
  const admin = systemPrincipal('demo-filings');
  let store: EventStore;
  const prepared: { recipientId: string; payRunId: string; documentId: string }[] = [];
  const refused: string[] = [];
  const send = (declaration: AnyCommandDeclaration, input: unknown, at: string) =>
    executeCommand(store, declaration, input, { principal: admin, now: london(at) });
  const load = async <E extends DomainEvent, S>(stream: StreamDeclaration<E, S>, key: string): Promise<S> =>
    fold(stream, await store.readStream(stream.streamId(key)));

  beforeAll(async () => {
    store = await openEventStore('memory:');
    await seedDemo((declaration, input, envelope) => executeCommand(store, declaration, input, envelope), {
      store: 'memory:',
      principal: admin,
    });
    for await (const recipientId of registeredEmployers(store)) {
      const payroll = await load(payrollStream, payrollKey(recipientId, YEAR));
      for (const run of payroll.runs.filter((each) => each.payslips > 0)) {
        try {
          const outcome = await send(
            prepareFps,
            { recipientId, payDate: run.payDate, payRunId: run.payRunId },
            `${run.payDate}T07:00`,
          );
          prepared.push({ recipientId, payRunId: run.payRunId, documentId: String(outcome.reply['documentId']) });
        } catch (error) {
          refused.push(`${recipientId} ${run.payRunId}: ${(error as Error).message}`);
        }
      }
    }
  }, 600_000);
  afterAll(() => store.close());

  const fpsOf = async (recipientId: string, documentId: string) => {
    const view = (await runQuery(
      store,
      showFps,
      { recipientId, taxYear: YEAR, documentId },
      admin,
      london('2026-07-20T12:00'),
    )) as {
      govTalk: string;
      matchesRecord: boolean;
    };
    return { view, xml: new DOMParser().parseFromString(view.govTalk, 'text/xml') };
  };

  const employmentOf = async (recipientId: string, surname: string) => {
    const recipient = await load(recipientStream, recipientId);
    if (recipient.status !== 'enrolled') throw new Error(`${recipientId} not enrolled`);
    return recipient.roster.find((hire) => hire.pa.surname === surname)!;
  };

  /** The FPS Employee of a PA in the FPS of the pay run of one of their payslips, with that payslip. */
  const employeeIn = async (recipientId: string, surname: string, which: 'first' | 'last' = 'first') => {
    const hire = await employmentOf(recipientId, surname);
    const payroll = await load(payrollStream, payrollKey(recipientId, YEAR));
    const mine = payroll.payslips.filter((slip) => slip.employmentId === hire.employmentId);
    const slip = which === 'first' ? mine[0]! : mine[mine.length - 1]!;
    const document = prepared.find((each) => each.payRunId === slip.payRunId)!;
    const { view, xml } = await fpsOf(recipientId, document.documentId);
    const employee = Array.from(xml.getElementsByTagNameNS(FPS_NS, 'Employee')).find(
      (node) => text(node as Element, 'Employment/PayId') === slip.payrollId,
    ) as Element;
    return { hire, slip, employee, view, yearSoFar: mine.slice(0, mine.indexOf(slip) + 1) };
  };

  it('prepares an FPS for every pay run of the quarter, none refused by the schema or a rule', () => {
    expect(refused).toEqual([]);
    // The demo's quarter: every employer runs at least one pay date a month.
    expect(prepared.length).toBeGreaterThan(100);
  });

  it("writes each FPS again from the events byte for byte, and it passes HMRC's 2026-27 FPS schema", async () => {
    for (const each of prepared.slice(0, 40)) {
      const { view } = await fpsOf(each.recipientId, each.documentId);
      expect(view.matchesRecord).toBe(true);
      const envelope = view.govTalk.slice(
        view.govTalk.indexOf('<IRenvelope'),
        view.govTalk.indexOf('</IRenvelope>') + 13,
      );
      expect((await checkAgainstSchema(envelope, YEAR, 'fps')).errors).toEqual([]);
    }
  }, 300_000);

  it("pays each pay date's net pay in one bureau file that reconciles with the payslips, the runs and the ledger", async () => {
    // Σ net pay per pay date, summed here from every employer's PayslipIssued events.
    const netByDate = new Map<string, Money>();
    for await (const recipientId of registeredEmployers(store)) {
      for (const event of await store.readStream(payrollStream.streamId(payrollKey(recipientId, YEAR)))) {
        if (event.type !== 'PayslipIssued') continue;
        const slip = event.data as PayslipIssuedData;
        netByDate.set(slip.payDate, (netByDate.get(slip.payDate) ?? Money.zero).plus(slip.netPay));
      }
    }
    const payDates = [...netByDate].filter(([, net]) => net.isPositive());
    expect(payDates.length).toBeGreaterThan(20);
    const asOf = london('2026-08-01T09:00');
    for (const [payDate, net] of payDates) {
      const report = (await runQuery(store, showPaymentReconciliation, { payDate }, admin, asOf)) as {
        totals: Record<string, string | null>;
        employers: { status: string }[];
        files: { fileId: string; total: string }[];
        reconciled: boolean;
      };
      // The file paid every payslip; each PA's payment recorded after it leaves the ledger owing nothing.
      expect({ payDate, totals: report.totals, reconciled: report.reconciled }).toEqual({
        payDate,
        totals: {
          payslipsNet: net.toString(),
          payRunsNet: net.toString(),
          wagesPayable: '0.00',
          inFile: net.toString(),
        },
        reconciled: true,
      });
      expect(new Set(report.employers.map((row) => row.status))).toEqual(new Set(['in-file']));
      expect(report.files).toHaveLength(1);
      const file = (await runQuery(
        store,
        showPaymentFile,
        { payDate, fileId: report.files[0]!.fileId },
        admin,
        asOf,
      )) as { matchesRecord: boolean; text: string };
      expect(file.matchesRecord).toBe(true);
      // The bank's CSV read back by hand: header, then payee, sort code, account, amount, reference.
      const [header, ...lines] = file.text.trim().split('\r\n');
      expect(header).toBe('Payee name,Sort code,Account number,Amount,Reference');
      expect(Money.sum(lines.map((line) => Money.of(line.split(',')[3]!))).toString()).toBe(net.toString());
    }
  });

  it('reports a P45 starter once, with no declaration, the P45 code, and this employment’s figures only', async () => {
    const { hire, slip, employee } = await employeeIn('kcc-1005', 'Turner');
    expect(hire.starter.kind).toBe('p45');
    expect(text(employee, 'Employment/Starter/StartDate')).toBe(hire.startDate);
    // HMRC: StartDec is for a starter without a P45.
    expect(text(employee, 'Employment/Starter/StartDec')).toBeNull();
    expect(text(employee, 'Employment/Payment/TaxCode')).toBe(slip.taxCode.replace(/^[SC]/, ''));
    expect(text(employee, 'Employment/Payment/TaxablePay')).toBe(slip.taxablePay);
    expect(text(employee, 'Employment/Payment/TaxDeductedOrRefunded')).toBe(slip.deductions.incomeTax);
    // The year to date is this employment's: the P45's £14,210.00 is not in it (it was 2025-26's anyway).
    expect(text(employee, 'Employment/FiguresToDate/TaxablePay')).toBe(slip.ytd.taxablePay);
    expect(Money.of(slip.ytd.taxablePay).lessThan('14210.00')).toBe(true);
  });

  it('gives a Scottish code as TaxRegime S, with the tax and year to date of her payslip', async () => {
    const { slip, employee, yearSoFar } = await employeeIn('kcc-1005', 'MacLeod', 'last');
    expect(slip.taxCode).toBe('S1257L');
    const code = Array.from(employee.getElementsByTagNameNS(FPS_NS, 'TaxCode'))[0] as Element;
    expect(code.textContent).toBe('1257L');
    expect(code.getAttribute('TaxRegime')).toBe('S');
    expect(text(employee, 'Employment/Payment/TaxDeductedOrRefunded')).toBe(slip.deductions.incomeTax);
    const taxSoFar = Money.sum(yearSoFar.map((each) => Money.of(each.deductions.incomeTax))).toString();
    expect(text(employee, 'Employment/FiguresToDate/TotalTax')).toBe(taxSoFar);
  });

  it('reports a Plan 2 student loan in whole pounds, period and year to date, as the payslips deducted it', async () => {
    const { slip, employee, yearSoFar } = await employeeIn('kcc-1001', 'Baker', 'last');
    expect(Money.of(slip.deductions.studentLoan).isPositive()).toBe(true);
    const recovered = Array.from(employee.getElementsByTagNameNS(FPS_NS, 'StudentLoanRecovered'))[0] as Element;
    expect(recovered.getAttribute('PlanType')).toBe('02');
    // HMRC: student loan deductions are whole pounds (pence dropped), in the period and to date.
    expect(recovered.textContent).toBe(`${Money.of(slip.deductions.studentLoan).toString().split('.')[0]}.00`);
    const soFar = Money.sum(yearSoFar.map((each) => Money.of(each.deductions.studentLoan))).toString();
    expect(text(employee, 'Employment/FiguresToDate/StudentLoansTD')).toBe(soFar);
  });

  it('reports NI category M with the bands and contributions the payslips summed to', async () => {
    const { slip, employee, yearSoFar } = await employeeIn('kcc-1002', 'Lewis', 'last');
    expect(slip.niCategory).toBe('M');
    const ni = Array.from(employee.getElementsByTagNameNS(FPS_NS, 'NIlettersAndValues'))[0] as Element;
    const total = (of: (each: PayslipIssuedData) => string) =>
      Money.sum(yearSoFar.map((each) => Money.of(of(each)))).toString();
    expect(text(ni, 'NIletter')).toBe('M');
    expect(text(ni, 'GrossEarningsForNICsInPd')).toBe(slip.niablePay);
    expect(text(ni, 'GrossEarningsForNICsYTD')).toBe(total((each) => each.niablePay));
    // AtLELYTD is in whole pounds (the schema's IRwholeUnitsMonetaryType).
    expect(text(ni, 'AtLELYTD')).toBe(`${total((each) => each.niBands.atLel).split('.')[0]}.00`);
    expect(text(ni, 'LELtoPTYTD')).toBe(total((each) => each.niBands.lelToPt));
    expect(text(ni, 'EmpeeContribnsYTD')).toBe(total((each) => each.deductions.employeeNic));
    // Category M: no employer NICs below the upper secondary threshold.
    expect(text(ni, 'TotalEmpNICYTD')).toBe('0.00');
  });

  it('reports a leaver’s final pay with the leaving date, and flags an FPS made after payday with its penalty', async () => {
    const hire = await employmentOf('kcc-1001', 'Mitchell');
    await send(
      recordLeaver,
      {
        recipientId: 'kcc-1001',
        employmentId: hire.employmentId,
        leavingDate: '2026-07-08',
        reason: 'resignation',
        finalPay: { noticePay: '120.00' },
      },
      '2026-07-08T17:00',
    );
    await send(runPayroll, { recipientId: 'kcc-1001', payDate: '2026-07-10' }, '2026-07-09T09:00');
    const outcome = await send(prepareFps, { recipientId: 'kcc-1001', payDate: '2026-07-10' }, '2026-07-13T09:00');
    const data = outcome.events[0]!.data as FpsPreparedData;
    // DMBM519505: 1–9 employees, £100 a month; the year's first late FPS is not penalised.
    expect(data.late).toEqual({ daysLate: 3, employeesInScheme: 2, monthlyPenalty: '100.00', firstOfTaxYear: true });
    const { xml } = await fpsOf('kcc-1001', data.documentId);
    const payroll = await load(payrollStream, payrollKey('kcc-1001', YEAR));
    const final = payroll.payslips.find((slip) => slip.employmentId === hire.employmentId && slip.inputs.finalPay)!;
    const employee = Array.from(xml.getElementsByTagNameNS(FPS_NS, 'Employee')).find(
      (node) => text(node as Element, 'Employment/PayId') === final.payrollId,
    ) as Element;
    expect(text(employee, 'Employment/LeavingDate')).toBe('2026-07-08');
    expect(final.lines.some((line) => line.kind === 'notice-pay' && line.amount === '120.00')).toBe(true);
    expect(text(employee, 'Employment/Payment/TaxablePay')).toBe(final.taxablePay);
    expect(text(employee, 'Employment/FiguresToDate/TaxablePay')).toBe(final.ytd.taxablePay);
    // A second FPS of the same run would report the payments twice.
    await expect(
      send(prepareFps, { recipientId: 'kcc-1001', payDate: '2026-07-10' }, '2026-07-13T10:00'),
    ).rejects.toMatchObject({
      code: 'fps.already-prepared',
    });
  });

  it('records what was sent and HMRC’s answer; a rejection makes room for a corrected FPS', async () => {
    const first = prepared[0]!;
    const record = (await load(rtiStream, rtiKey(first.recipientId, YEAR))).documents.find(
      (each) => each.documentId === first.documentId,
    )!;
    await expect(
      send(
        recordRtiSubmission,
        {
          recipientId: first.recipientId,
          taxYear: YEAR,
          documentId: first.documentId,
          sha256: '0'.repeat(64),
          submittedOn: '2026-04-10',
        },
        '2026-04-10T08:00',
      ),
    ).rejects.toMatchObject({ code: 'rti.hash-mismatch' });
    await send(
      recordRtiSubmission,
      {
        recipientId: first.recipientId,
        taxYear: YEAR,
        documentId: first.documentId,
        sha256: record.sha256,
        submittedOn: '2026-04-10',
      },
      '2026-04-10T08:00',
    );
    await send(
      recordRtiOutcome,
      {
        recipientId: first.recipientId,
        taxYear: YEAR,
        documentId: first.documentId,
        outcome: 'rejected',
        on: '2026-04-10',
        errors: [{ code: '1046', text: 'The NINO is invalid' }],
      },
      '2026-04-10T09:00',
    );
    const again = await send(
      prepareFps,
      {
        recipientId: first.recipientId,
        payDate: await fpsPayDate(first.documentId, first.recipientId),
        payRunId: first.payRunId,
      },
      '2026-04-10T10:00',
    );
    expect(again.events[0]!.type).toBe('FpsPrepared');
  });

  const fpsPayDate = async (documentId: string, recipientId: string) =>
    (await load(rtiStream, rtiKey(recipientId, YEAR))).documents.flatMap((each) =>
      each.kind === 'fps' && each.documentId === documentId ? [each.payDate] : [],
    )[0]!;

  it('renders a demo payslip as a one-page PDF whose text holds its every gross line, deduction and net pay', async () => {
    const { slip } = await employeeIn('kcc-1001', 'Baker', 'last');
    const view = await runQuery(
      store,
      showPayslip,
      { recipientId: 'kcc-1001', taxYear: YEAR, payslipId: slip.payslipId },
      admin,
      london('2026-07-20T12:00'),
    );
    const pdf = (await showPayslip.representations!.pdf!.render(view as never)) as Buffer;
    const dir = mkdtempSync(join(tmpdir(), 'dpe-demo-payslip-'));
    try {
      writeFileSync(join(dir, 'payslip.pdf'), pdf);
      execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', join(dir, 'payslip.pdf'), join(dir, 'page')]);
      expect(readdirSync(dir).filter((name) => name.endsWith('.png'))).toHaveLength(1);
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'payslip.pdf'), '-'], { encoding: 'utf8' });
      expect(execFileSync('pdfinfo', [join(dir, 'payslip.pdf')], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
      // Pounds as a payslip prints them: £1,234.56.
      const pounds = (value: string) =>
        `£${Number(value.split('.')[0]).toLocaleString('en-GB')}.${value.split('.')[1]}`;
      for (const line of slip.lines) expect(text).toContain(pounds(line.amount));
      for (const amount of [
        slip.deductions.incomeTax,
        slip.deductions.employeeNic,
        slip.deductions.studentLoan,
        slip.netPay,
      ])
        expect(text).toContain(pounds(amount));
      expect(text).toContain(`****${slip.paidTo.accountEnding}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("writes an employer's PAPDIS file for a pay date whose contributions are the payslips'", async () => {
    const payroll = await load(payrollStream, payrollKey('kcc-1001', YEAR));
    const payDate = payroll.payslips[payroll.payslips.length - 1]!.payDate;
    const slips = payroll.payslips.filter((slip) => slip.payDate === payDate && !slip.correction);
    const view = (await runQuery(
      store,
      showPensionFile,
      { recipientId: 'kcc-1001', payDate, layout: 'papdis' },
      admin,
      london('2026-07-20T12:00'),
    )) as { totals: { rows: number; employerContributions: string; employeeContributions: string }; text: string };
    const total = (of: (slip: PayslipIssuedData) => string) =>
      Money.sum(slips.map((slip) => Money.of(of(slip)))).toString();
    expect(view.totals).toMatchObject({
      rows: slips.length,
      employerContributions: total((slip) => slip.employer.pensionEmployer),
      employeeContributions: total((slip) => slip.deductions.pensionEmployee),
    });
    expect(view.text.split('\r\n').filter(Boolean)).toHaveLength(slips.length + 1);
  });

  it("prepares each employer's EPS for the quarter's months, claiming the employment allowance once, valid against the EPS schema", async () => {
    for await (const recipientId of registeredEmployers(store)) {
      const claims: boolean[] = [];
      for (const taxMonth of [1, 2, 3]) {
        const outcome = await send(prepareEps, { recipientId, taxYear: YEAR, taxMonth }, '2026-07-15T09:00');
        claims.push(Boolean(outcome.reply['claimsEmploymentAllowance']));
        const view = (await runQuery(
          store,
          showEps,
          { recipientId, taxYear: YEAR, documentId: outcome.reply['documentId'] },
          admin,
          london('2026-07-20T12:00'),
        )) as { govTalk: string; matchesRecord: boolean };
        expect(view.matchesRecord).toBe(true);
        const envelope = view.govTalk.slice(
          view.govTalk.indexOf('<IRenvelope'),
          view.govTalk.indexOf('</IRenvelope>') + 13,
        );
        expect((await checkAgainstSchema(envelope, YEAR, 'eps')).errors).toEqual([]);
      }
      // Every demo employer claims the allowance (they employ care and support workers): once, on the first EPS.
      expect(claims).toEqual([true, false, false]);
    }
  }, 300_000);
});
