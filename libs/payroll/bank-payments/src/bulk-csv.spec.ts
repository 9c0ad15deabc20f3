import { ACCOUNT_RULES, BACS_RULES, bulkPaymentCsv, csvCell } from '@dpe/bank-payments';

describe('bulkPaymentCsv: the plain bulk-payment CSV banks import', () => {
  it('writes one CRLF line per payment: payee name, sort code, account number, amount, reference', () => {
    const result = bulkPaymentCsv([
      // VocaLink v6.40 test cases 1 and 2 (passing).
      {
        accountName: 'J Smith',
        sortCode: '08-99-99',
        accountNumber: '66374958',
        amount: '1234.5',
        reference: 'DP WAGES MAR26',
      },
      {
        accountName: 'Anna Kowalska',
        sortCode: '107999',
        accountNumber: '88837491',
        amount: '987.65',
        reference: 'DP WAGES MAR26',
      },
    ]);
    expect(result.text).toBe(
      'J Smith,089999,66374958,1234.50,DP WAGES MAR26\r\n' + 'Anna Kowalska,107999,88837491,987.65,DP WAGES MAR26\r\n',
    );
  });

  it('writes a header row when asked', () => {
    const result = bulkPaymentCsv(
      [
        {
          accountName: 'J Smith',
          sortCode: '089999',
          accountNumber: '66374958',
          amount: '1.00',
          reference: 'PAY REF 1',
        },
      ],
      { header: true },
    );
    expect(result.text?.split('\r\n')[0]).toBe('Payee name,Sort code,Account number,Amount,Reference');
  });

  it('escapes cells a spreadsheet would run as a formula (=, +, -, @) with a leading single quote', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+44 20')).toBe("'+44 20");
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('Smith - Jones')).toBe('Smith - Jones');
  });

  it('quotes cells holding commas, quotes or line breaks, doubling the quotes', () => {
    expect(csvCell('Smith, J')).toBe('"Smith, J"');
    expect(csvCell('The "Boss"')).toBe('"The ""Boss"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('escapes a hostile payee name inside a whole file', () => {
    const result = bulkPaymentCsv([
      {
        accountName: '=cmd|calc',
        sortCode: '089999',
        accountNumber: '66374958',
        amount: '10.00',
        reference: 'PAY REF 1',
      },
    ]);
    expect(result.text).toBe("'=cmd|calc,089999,66374958,10.00,PAY REF 1\r\n");
  });

  it('refuses the whole file, listing each bad account and amount with its path and rule', () => {
    const result = bulkPaymentCsv([
      { accountName: 'A', sortCode: '089999', accountNumber: '66374959', amount: '10.00', reference: 'PAY REF 1' }, // VocaLink case 29
      { accountName: 'B', sortCode: '089999', accountNumber: '66374958', amount: '0', reference: 'PAY REF 2' },
      { accountName: 'C', sortCode: '089999', accountNumber: '66374958', amount: '1.234', reference: 'PAY REF 3' },
    ]);
    expect(result.text).toBeNull();
    expect(result.problems.map((p) => [p.path, p.rule])).toEqual([
      ['payments[0].accountNumber', ACCOUNT_RULES.modulusCheckFailed],
      ['payments[1].amount', BACS_RULES.amountNotPositive],
      ['payments[2].amount', BACS_RULES.amountFormat],
    ]);
  });
});
