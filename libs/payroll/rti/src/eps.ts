import { el, type XmlElement } from './xml';
import { empRefs, irHeader, type RtiEmployer, type RtiSender } from './govtalk';
import { amount, documentOf, type RtiDocument } from './fps';
import { rtiYear } from './tax-years';

/**
 * The Employer Payment Summary of one PAYE scheme for one tax month: what the FPS cannot say. It claims the
 * employment allowance, reports statutory pay recovered and its NIC compensation to date, says that nothing was paid
 * in a period, and closes the year. Due by the 19th after the tax month (uk-payroll-rules.md §10, DMBM519505).
 * The apprenticeship levy is left out: it is due only on a pay bill over £3 million a year, which no Direct Payment
 * employer approaches (Finance Act 2016 s.99; the schema makes ApprenticeshipLevy optional).
 */
export interface EpsInput {
  readonly taxYear: string;
  /** The tax month (1–12) the EPS is for. */
  readonly taxMonth: number;
  readonly employer: RtiEmployer;
  readonly sender: RtiSender;
  /** No employee was paid in these dates (NoPaymentForPeriod with NoPaymentDates), e.g. a whole tax month. */
  readonly noPayment?: { readonly from: string; readonly to: string };
  /** EmpAllceInd: yes claims the employment allowance for the year (once, on the year's first EPS), no withdraws it. */
  readonly employmentAllowance?: boolean;
  /** Statutory pay recovered and NIC compensation on it, for the tax year to date. */
  readonly recoverable?: {
    readonly smpRecovered: string;
    readonly sppRecovered: string;
    readonly nicCompensationOnSmp: string;
    readonly nicCompensationOnSpp: string;
  };
  /** The last EPS of the tax year (FinalSubmission/ForYear). */
  readonly finalForYear?: boolean;
  readonly test?: boolean;
}

const present = (value: string): boolean => !/^0+(\.0+)?$/.test(value);

export function employerPaymentSummary(input: EpsInput): RtiDocument {
  const year = rtiYear(input.taxYear);
  if (!Number.isInteger(input.taxMonth) || input.taxMonth < 1 || input.taxMonth > 12) {
    throw new Error(`taxMonth ${input.taxMonth} must be 1 to 12`);
  }
  const recoverable = input.recoverable;
  const amounts: (XmlElement | false)[] = recoverable
    ? [
        present(recoverable.smpRecovered) && el('SMPRecovered', amount(recoverable.smpRecovered)),
        present(recoverable.sppRecovered) && el('SPPRecovered', amount(recoverable.sppRecovered)),
        present(recoverable.nicCompensationOnSmp) &&
          el('NICCompensationOnSMP', amount(recoverable.nicCompensationOnSmp)),
        present(recoverable.nicCompensationOnSpp) &&
          el('NICCompensationOnSPP', amount(recoverable.nicCompensationOnSpp)),
      ]
    : [];
  const envelope = el(
    'IRenvelope',
    [
      irHeader(year, input.employer, input.sender),
      el('EmployerPaymentSummary', [
        empRefs(input.employer),
        input.noPayment && el('NoPaymentForPeriod', 'yes'),
        input.noPayment && el('NoPaymentDates', [el('From', input.noPayment.from), el('To', input.noPayment.to)]),
        input.employmentAllowance !== undefined && el('EmpAllceInd', input.employmentAllowance ? 'yes' : 'no'),
        amounts.some(Boolean) && el('RecoverableAmountsYTD', [el('TaxMonth', String(input.taxMonth)), ...amounts]),
        el('RelatedTaxYear', year.relatedTaxYear),
        input.finalForYear && el('FinalSubmission', [el('ForYear', 'yes')]),
      ]),
    ],
    { xmlns: year.eps.namespace },
  );
  return documentOf(envelope, year.eps.messageClass, input.employer, input.test ?? false);
}
