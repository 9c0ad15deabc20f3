import { Money } from '@dpe/money';
import type { EmploymentAllowanceTables, TaxYearTables } from '@dpe/statutory-data';
import { InvalidNationalInsuranceInput } from './errors';
import { parseAmount, type AmountInput } from './inputs';

/**
 * Who the employer is, as far as Employment Allowance cares.
 * - 'care-and-support': an individual employing someone for their own or another person's personal, family or
 *   household affairs where all those duties are for an individual who needs them because of old age, disability,
 *   dependence on alcohol or drugs, illness or mental disorder - a Direct Payment recipient employing a Personal
 *   Assistant (NICA 2014 s2(3A); HMRC NIM06520).
 * - 'household': an individual employing domestic staff who are not care or support workers (a nanny, a gardener):
 *   those liabilities are excluded (NICA 2014 s2(3); HMRC NIM06535).
 * - 'business': any other employer that is not a public authority; its other exclusions (sole-director companies,
 *   public work, connected companies) are outside this engine.
 */
export type EmployerKind = 'care-and-support' | 'household' | 'business';
const EMPLOYER_KINDS: readonly EmployerKind[] = ['care-and-support', 'household', 'business'];

export interface EmploymentAllowanceEntitlementInput {
  readonly tables: Pick<TaxYearTables, 'taxYear' | 'employmentAllowance'>;
  readonly employerKind: EmployerKind;
  /**
   * The employer's secondary Class 1 NICs for the previous tax year, across all its PAYE schemes. Needed only for
   * years that still have the £100,000 test (2024-25 and earlier).
   */
  readonly previousYearSecondaryClass1?: AmountInput;
}

export type EmploymentAllowanceEntitlement =
  | { readonly eligible: true; readonly annualAmount: Money }
  | { readonly eligible: false; readonly annualAmount: Money; readonly reason: string };

/**
 * How much Employment Allowance the employer can claim for the tax year: the year's amount if eligible, else
 * nothing with the reason. The claim itself is made on the EPS each year (gov.uk/claim-employment-allowance).
 */
export function employmentAllowanceEntitlement(
  input: EmploymentAllowanceEntitlementInput,
): EmploymentAllowanceEntitlement {
  const tables = employmentAllowanceTablesOf(input);
  const taxYear = input.tables.taxYear;
  if (!EMPLOYER_KINDS.includes(input.employerKind)) {
    throw new InvalidNationalInsuranceInput(
      'employerKind',
      input.employerKind,
      `must be one of ${EMPLOYER_KINDS.join(', ')}`,
    );
  }
  const annualAmount = Money.of(tables.annualAmount);

  if (
    input.employerKind === 'household' ||
    (input.employerKind === 'care-and-support' && !tables.careAndSupportEmployersQualify)
  ) {
    return {
      eligible: false,
      annualAmount: Money.zero,
      reason:
        'secondary NICs on personal, family or household employment are excluded unless the worker is a care or support worker (NICA 2014 s2(3), s2(3A))',
    };
  }

  if (tables.previousYearSecondaryLiabilityLimit !== null) {
    if (input.previousYearSecondaryClass1 === undefined) {
      throw new InvalidNationalInsuranceInput(
        'previousYearSecondaryClass1',
        undefined,
        `is required for ${taxYear}: employers with secondary Class 1 NICs of £${tables.previousYearSecondaryLiabilityLimit} or more in the previous tax year cannot claim`,
      );
    }
    const previous = parseAmount(input.previousYearSecondaryClass1, 'previousYearSecondaryClass1');
    if (previous.greaterThanOrEqual(tables.previousYearSecondaryLiabilityLimit)) {
      return {
        eligible: false,
        annualAmount: Money.zero,
        reason: `secondary Class 1 NICs in the previous tax year were £${tables.previousYearSecondaryLiabilityLimit} or more (NICA 2014 s2(4B), in force until 5 April 2025)`,
      };
    }
  }
  return { eligible: true, annualAmount };
}

export interface EmploymentAllowanceOffsetInput {
  /** Allowance still unused this tax year before this pay run: the claimed amount less what earlier runs offset. */
  readonly remainingAllowance: AmountInput;
  /** The employer's secondary Class 1 NICs for this pay run, across all its employees. */
  readonly employerNiThisPeriod: AmountInput;
}

export interface EmploymentAllowanceOffset {
  /** Allowance set against this pay run's employer NICs. */
  readonly offset: Money;
  /** Employer NICs still due to HMRC for this pay run. */
  readonly employerNiPayable: Money;
  /** Allowance left for later pay runs in the same tax year. */
  readonly remainingAllowance: Money;
}

/**
 * The allowance reduces the employer's secondary Class 1 NICs each time payroll is run until it is used up or the
 * tax year ends; it never exceeds the NICs of the run, and what is unused carries to the next run in the year
 * (gov.uk "Employment Allowance", as in the copy at justpubsandclubs.com/employment-allowance; NICA 2014 s1 makes it
 * an allowance against secondary Class 1 liabilities only, so it never reduces employee NICs or tax).
 */
export function offsetEmploymentAllowance(input: EmploymentAllowanceOffsetInput): EmploymentAllowanceOffset {
  if (input === null || typeof input !== 'object') {
    throw new InvalidNationalInsuranceInput(
      'input',
      input,
      'must be an object with remainingAllowance and employerNiThisPeriod',
    );
  }
  const remaining = parseAmount(input.remainingAllowance, 'remainingAllowance');
  const employerNi = parseAmount(input.employerNiThisPeriod, 'employerNiThisPeriod');
  const offset = Money.min(remaining, employerNi);
  return { offset, employerNiPayable: employerNi.minus(offset), remainingAllowance: remaining.minus(offset) };
}

function employmentAllowanceTablesOf(input: EmploymentAllowanceEntitlementInput): EmploymentAllowanceTables {
  if (input === null || typeof input !== 'object') {
    throw new InvalidNationalInsuranceInput('input', input, 'must be an object with tables and employerKind');
  }
  const tables = (input.tables as Partial<TaxYearTables> | undefined)?.employmentAllowance as
    Partial<EmploymentAllowanceTables> | undefined;
  if (!tables || typeof tables !== 'object' || tables.annualAmount === undefined) {
    throw new InvalidNationalInsuranceInput(
      'tables',
      input.tables,
      "must be a tax year's statutory tables with Employment Allowance figures (taxYearTables(year))",
    );
  }
  return tables as EmploymentAllowanceTables;
}
