import { InvalidInput, type InputIssue } from '@dpe/errors';

/** One thing wrong with a payment file's input: where (`payments[3].accountNumber`), the rule, and why in words. */
export interface PaymentProblem extends InputIssue {
  readonly message: string;
}

/**
 * This library's validation error: every problem at once, so a bureau can fix a whole file in one go. A caller needs
 * only `instanceof InvalidInput` to turn it into a 400 or an exception-report entry.
 */
export class InvalidBankPaymentInput extends InvalidInput {
  readonly problems: readonly PaymentProblem[];

  constructor(problems: readonly PaymentProblem[]) {
    if (problems.length === 0) throw new TypeError('InvalidBankPaymentInput needs at least one problem');
    const [first] = problems as [PaymentProblem, ...PaymentProblem[]];
    super(first.path, first.rule, undefined, problems.map((p) => `${p.path}: ${p.message} (${p.rule})`).join('; '));
    this.problems = problems;
    (this as { issues: readonly InputIssue[] }).issues = problems.map(({ path, rule }) => ({ path, rule }));
  }
}
