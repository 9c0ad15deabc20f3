import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What changes in RTI from one tax year to the next, as data: HMRC publishes the FPS and EPS schemas anew each year,
 * in a namespace that names the year ("…/FullPaymentSubmission/26-27/1"), with the RelatedTaxYear the body must
 * carry and the IRheader PeriodEnd (the last day of the tax year). Adding a tax year is adding an entry here and its
 * schema files under `schemas/`; the writers (fps.ts, eps.ts) read everything year-specific from the entry.
 *
 * Source: HMRC, "Real Time Information internet submissions: 2026 to 2027 technical specifications"
 * (RTI-RIM-2027-v1-0.zip),
 * https://www.gov.uk/government/publications/real-time-information-internet-submissions-2026-to-2027-technical-specifications;
 * the schema files are copied unchanged into schemas/2026-27 (schemas/SOURCE.md).
 */
export interface RtiYear {
  readonly taxYear: string;
  /** FullPaymentSubmission/RelatedTaxYear and EmployerPaymentSummary/RelatedTaxYear, e.g. "26-27". */
  readonly relatedTaxYear: string;
  /** IRheader/PeriodEnd: the tax year's last day (both schemas fix it to one value). */
  readonly periodEnd: string;
  /** The first and last payment dates the FPS schema accepts (PmtDate). */
  readonly paymentDates: { readonly from: string; readonly to: string };
  readonly fps: RtiMessage;
  readonly eps: RtiMessage;
}

export interface RtiMessage {
  readonly namespace: string;
  /** The GovTalk Header/MessageDetails/Class of the message. */
  readonly messageClass: string;
  /** The schema file's name under schemas/{taxYear}/. */
  readonly schemaFile: string;
}

export const RTI_YEARS: readonly RtiYear[] = [
  {
    taxYear: '2026-27',
    relatedTaxYear: '26-27',
    periodEnd: '2027-04-05',
    paymentDates: { from: '2026-04-06', to: '2027-04-05' },
    fps: {
      namespace: 'http://www.govtalk.gov.uk/taxation/PAYE/RTI/FullPaymentSubmission/26-27/1',
      messageClass: 'HMRC-PAYE-RTI-FPS',
      schemaFile: 'FullPaymentSubmission-2027-v1-0.xsd',
    },
    eps: {
      namespace: 'http://www.govtalk.gov.uk/taxation/PAYE/RTI/EmployerPaymentSummary/26-27/1',
      messageClass: 'HMRC-PAYE-RTI-EPS',
      schemaFile: 'EmployerPaymentSummary-2027-v1-0.xsd',
    },
  },
];

export class UnsupportedRtiYear extends Error {
  constructor(readonly taxYear: string) {
    super(
      `RTI for tax year ${taxYear} is not supported: the engine has HMRC's schemas for ` +
        `${RTI_YEARS.map((year) => year.taxYear).join(', ')} (add the year's entry in libs/payroll/rti/src/tax-years.ts)`,
    );
    this.name = 'UnsupportedRtiYear';
  }
}

export function rtiYear(taxYear: string): RtiYear {
  const year = RTI_YEARS.find((candidate) => candidate.taxYear === taxYear);
  if (!year) throw new UnsupportedRtiYear(taxYear);
  return year;
}

/**
 * The schema file of a message for a tax year. The schemas live beside the sources (libs/payroll/rti/schemas); a
 * build under dist/ finds them in the repository it was built from.
 */
export function schemaPath(taxYear: string, message: 'fps' | 'eps'): string {
  const year = rtiYear(taxYear);
  const candidates = [
    join(__dirname, '..', 'schemas', year.taxYear, year[message].schemaFile),
    join(
      __dirname,
      '..',
      '..',
      '..',
      '..',
      '..',
      'libs',
      'payroll',
      'rti',
      'schemas',
      year.taxYear,
      year[message].schemaFile,
    ),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`HMRC's ${message.toUpperCase()} schema for ${taxYear} is missing: ${candidates[0]}`);
  return found;
}
