import { changeBankDetails, type BankDetailsChangedData } from '@dpe/employment';
import { commandSpec } from '@dpe/testing';
import { ids, leftOn31August, prepared, recipientWith } from '../test/employment-fixtures';

const input = {
  ...ids,
  accountName: 'Jamie Clarke',
  sortCode: '12-34-56',
  accountNumber: '87654321',
  effectiveFrom: '2026-06-01',
};
const changed: BankDetailsChangedData = { ...input, sortCode: '123456' };
const changedEvent = { type: 'BankDetailsChanged', data: changed } as const;

const spec = commandSpec(changeBankDetails, { prepared });
const givenNothing = spec.given([]);

describe('change bank details', () => {
  it('given an employment, when the PA gives new bank details, then BankDetailsChanged records them (sort code as six digits)', () => {
    givenNothing.when(input).then([changedEvent]);
    givenNothing.when({ ...input, sortCode: '123456' }).then([changedEvent]);
    givenNothing.when({ ...input, sortCode: '12 34 56' }).then([changedEvent]);
  });

  it('takes changes in order: the same day again corrects the last one, an earlier day is refused', () => {
    spec
      .given([changedEvent])
      .when({ ...input, accountNumber: '87654322' })
      .then([{ type: 'BankDetailsChanged', data: { ...changed, accountNumber: '87654322' } }]);
    spec
      .given([changedEvent])
      .when({ ...input, effectiveFrom: '2026-05-31' })
      .thenError('bank-details.effective-order', 'rule');
  });

  it('refuses bank details before the employment started', () => {
    givenNothing.when({ ...input, effectiveFrom: '2026-04-05' }).thenError('bank-details.before-start', 'rule');
  });

  it('accepts new bank details after the PA left, for the final pay', () => {
    spec
      .given([leftOn31August])
      .when({ ...input, effectiveFrom: '2026-09-04' })
      .then([{ type: 'BankDetailsChanged', data: { ...changed, effectiveFrom: '2026-09-04' } }]);
  });

  it('refuses an employment that is not on the recipient roster as not found', () => {
    givenNothing
      .when(input, { prepared: { recipient: recipientWith() } })
      .thenError('employment.not-found', 'not-found');
  });

  it.each([
    ['five digits', '12345'],
    ['seven digits', '1234567'],
    ['mixed separators', '12-34 56'],
    ['letters', '12-AB-56'],
  ])('refuses a sort code of %s', (_what, sortCode) => {
    givenNothing.when({ ...input, sortCode }).thenInvalid(['sortCode']);
  });

  it('names every bad field at once', () => {
    givenNothing
      .when({ ...input, accountName: '\u202eJamie', accountNumber: '1234567', effectiveFrom: 'soon' })
      .thenInvalid(['accountName', 'accountNumber', 'effectiveFrom']);
  });
});
