import { toCsv } from '@dpe/schema';

describe('query answers as CSV', () => {
  it('gives a header of every field, nested fields with dots, one line per item', () => {
    expect(
      toCsv([
        { recipientId: 'r-1', totals: { gross: '500.00', netPay: '412.30' }, councils: ['kent', 'leeds'] },
        { recipientId: 'r-2', totals: { gross: '80.00', netPay: '80.00' }, councils: [] },
      ]),
    ).toBe('recipientId,totals.gross,totals.netPay,councils\r\nr-1,500.00,412.30,kent;leeds\r\nr-2,80.00,80.00,\r\n');
  });

  it('escapes a cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) and quotes commas and quotes', () => {
    const csv = toCsv([
      { name: '=HYPERLINK("http://x","y")' },
      { name: '+44 1622' },
      { name: '-12.50' },
      { name: '@SUM(A1)' },
      { name: '\tcmd' },
      { name: 'Smith, "Jo"' },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'name',
      `"'=HYPERLINK(""http://x"",""y"")"`,
      "'+44 1622",
      "'-12.50",
      "'@SUM(A1)",
      "'\tcmd",
      '"Smith, ""Jo"""',
      '',
    ]);
  });
});
