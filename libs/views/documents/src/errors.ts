import { InvalidInput } from '@dpe/errors';

/** A document asked of this library that cannot be drawn truthfully (a date that is not a date, two PAs on one P11). */
export class InvalidDocumentInput extends InvalidInput {
  constructor(field: string, rule: string, value?: unknown) {
    super(field, rule, value, `${field}: ${rule}`);
  }
}
