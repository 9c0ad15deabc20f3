import { Money } from '@dpe/money';
import {
  ACCOUNT_RULES,
  BACS_RULES,
  InvalidBankPaymentInput,
  parseStandard18,
  writeStandard18,
  type BacsPayment,
  type Standard18Input,
} from '@dpe/bank-payments';

// Accounts are VocaLink's published passing test cases (v6.40, table 3.1), so each passes the modulus check.
const ORIGINATOR = { sortCode: '20-29-59', accountNumber: '63748472', accountName: 'Acme Payroll Bureau' }; // case 3
const PAYMENTS: BacsPayment[] = [
  {
    sortCode: '08-99-99',
    accountNumber: '66374958',
    accountName: 'J Smith',
    amount: '1234.56',
    reference: 'DP WAGES MAR26',
  }, // case 1
  {
    sortCode: '107999',
    accountNumber: '88837491',
    accountName: 'Anna Kowalska',
    amount: '987.65',
    reference: 'DP WAGES MAR26',
  }, // case 2
  {
    sortCode: '938611',
    accountNumber: '07806039',
    accountName: "Zoë O'Brien-Smith & Co.",
    amount: Money.of('0.01'),
    reference: 'dp wages mar26',
  }, // case 14
];
const INPUT: Standard18Input = {
  serviceUserNumber: '123456',
  originator: ORIGINATOR,
  // Thursday 26 March 2026: day 31 + 28 + 26 = 85 of the year, so bYYDDD is " 26085".
  processingDate: '2026-03-26',
  createdOn: '2026-03-24',
  submissionSerial: '000042',
  payments: PAYMENTS,
};

function written(input: Standard18Input = INPUT): string {
  const result = writeStandard18(input);
  if (result.text === null) throw new Error(JSON.stringify(result.problems));
  return result.text;
}

describe('writeStandard18: a Bacs Standard 18 Direct Credit file', () => {
  it('writes the payment record column by column as the published layout asks', () => {
    // Standard 18 data record (sources in standard18.ts), for PAYMENTS[0]:
    const expected =
      '089999' + //       1-6   destination sort code (08-99-99 without hyphens)
      '66374958' + //     7-14  destination account number
      '0' + //            15    account type, 0 = unspecified
      '99' + //           16-17 transaction code 99, Direct Credit
      '202959' + //       18-23 originating sort code
      '63748472' + //     24-31 originating account number
      '    ' + //         32-35 free format, blank
      '00000123456' + //  36-46 £1,234.56 as 123456 pence, right-justified, zero-filled to 11
      'ACME PAYROLL BUREA' + // 47-64 service user's name, upper-cased and cut to 18
      'DP WAGES MAR26    ' + // 65-82 reference, 14 characters padded to 18
      'J SMITH           '; //  83-100 destination account name, padded to 18
    expect(expected).toHaveLength(100);
    expect(written().split('\r\n')[4]).toBe(expected);
  });

  it('balances the credits with one contra, code 17, debiting the originating account with their sum', () => {
    // 1234.56 + 987.65 + 0.01 = 2222.22, i.e. 222222 pence.
    const expected =
      '202959' +
      '63748472' +
      '0' +
      '17' +
      '202959' +
      '63748472' +
      '    ' +
      '00000222222' +
      'ACME PAYROLL BUREA' +
      'CONTRA            ' +
      'ACME PAYROLL BUREA';
    expect(written().split('\r\n')[7]).toBe(expected);
  });

  it('writes the labels: VOL1, HDR1, HDR2, UHL1 with the processing day as bYYDDD, then EOF1, EOF2, UTL1', () => {
    const lines = written().split('\r\n').slice(0, -1);
    expect(lines.map((line) => line.slice(0, 4))).toEqual([
      'VOL1',
      'HDR1',
      'HDR2',
      'UHL1',
      '0899',
      '1079',
      '9386',
      '2029',
      'EOF1',
      'EOF2',
      'UTL1',
    ]);
    for (const line of [...lines.slice(0, 4), ...lines.slice(8)]) expect(line).toHaveLength(80);
    expect(lines[0]!.slice(4, 10)).toBe('000042'); // VOL1 5-10 serial
    expect(lines[0]!.slice(41, 47)).toBe('123456'); // VOL1 42-47 owner: the SUN
    expect(lines[0]!.slice(79)).toBe('1'); // label standard level
    // 24 March 2026 is day 31 + 28 + 24 = 83.
    expect(lines[1]!.slice(41, 47)).toBe(' 26083'); // HDR1 42-47 creation date
    expect(lines[3]!.slice(4, 10)).toBe(' 26085'); // UHL1 5-10 processing day
    // UTL1: debit value (the contra) and credit value in pence, 13 digits each; then 1 debit and 3 credits, 7 digits.
    expect(lines[10]!.slice(0, 44)).toBe('UTL1' + '0000000222222' + '0000000222222' + '0000001' + '0000003');
  });

  it('reports totals equal to an independently summed total: 3 credits of £2,222.22 and the 1 contra debit', () => {
    const result = writeStandard18(INPUT);
    expect(result.problems).toEqual([]);
    expect(result.totals?.credits.count).toBe(3);
    expect(result.totals?.credits.amount.toString()).toBe('2222.22');
    expect(result.totals?.debits).toEqual({ count: 1, amount: Money.of('2222.22') });
  });

  it('upper-cases names and references into the Bacs character set, folding accents and cutting to 18', () => {
    const record = written().split('\r\n')[6]!;
    expect(record.slice(64, 82)).toBe('DP WAGES MAR26    ');
    // ë becomes E, the apostrophe (not a Bacs character) a space; "ZOE O BRIEN-SMITH & CO." is cut at 18.
    expect(record.slice(82, 100)).toBe('ZOE O BRIEN-SMITH ');
  });

  it('refuses a file with an account failing the modulus check, naming the rule and the payment, writing nothing', () => {
    const result = writeStandard18({
      ...INPUT,
      payments: [
        PAYMENTS[0]!,
        { ...PAYMENTS[1]!, sortCode: '089999', accountNumber: '66374959' }, // VocaLink case 29: fails modulus 10
      ],
    });
    expect(result.text).toBeNull();
    expect(result.totals).toBeNull();
    expect(result.problems).toEqual([
      {
        path: 'payments[1].accountNumber',
        rule: ACCOUNT_RULES.modulusCheckFailed,
        message: "fails VocaLink's modulus check (method MOD10) for sort code 089999",
      },
    ]);
  });

  it('lists every problem in the file at once, each with its field path and rule', () => {
    const result = writeStandard18({
      serviceUserNumber: '12345',
      originator: { ...ORIGINATOR, accountNumber: '1234' },
      processingDate: '2026-03-28', // a Saturday
      payments: [
        { ...PAYMENTS[0]!, amount: '0.00' },
        { ...PAYMENTS[1]!, amount: '12.345', reference: 'AB 12' },
        { ...PAYMENTS[2]!, sortCode: '93861', amount: '20000000.01', reference: '000000', accountName: '!!!' },
        { ...PAYMENTS[0]!, amount: -5 as unknown as string },
      ],
    });
    expect(result.text).toBeNull();
    expect(result.problems.map((p) => [p.path, p.rule])).toEqual([
      ['serviceUserNumber', BACS_RULES.serviceUserNumberFormat],
      ['originator.accountNumber', ACCOUNT_RULES.accountNumberFormat],
      ['processingDate', BACS_RULES.processingDayNotWorkingDay],
      ['payments[0].amount', BACS_RULES.amountNotPositive],
      ['payments[1].amount', BACS_RULES.amountFormat],
      ['payments[1].reference', BACS_RULES.referenceTooShort],
      ['payments[2].sortCode', ACCOUNT_RULES.sortCodeFormat],
      ['payments[2].amount', BACS_RULES.amountOverItemLimit],
      ['payments[2].accountName', BACS_RULES.nameEmpty],
      ['payments[2].reference', BACS_RULES.referenceAllSameCharacter],
      ['payments[3].amount', BACS_RULES.amountNotPositive],
    ]);
  });

  it('accepts a payment of exactly the £20 million Bacs item limit', () => {
    expect(writeStandard18({ ...INPUT, payments: [{ ...PAYMENTS[0]!, amount: '20000000.00' }] }).problems).toEqual([]);
  });

  it('refuses a processing day on a bank holiday (Good Friday, 3 April 2026) and a file with no payments', () => {
    const result = writeStandard18({ ...INPUT, processingDate: '2026-04-03', createdOn: undefined, payments: [] });
    expect(result.problems.map((p) => p.rule)).toEqual([BACS_RULES.processingDayNotWorkingDay, BACS_RULES.noPayments]);
  });
});

describe('parseStandard18: reading a Standard 18 file back', () => {
  it('returns the same accounts, names, references and amounts as were written', () => {
    const parsed = parseStandard18(written());
    expect(parsed.serviceUserNumber).toBe('123456');
    expect(parsed.submissionSerial).toBe('000042');
    expect(parsed.processingDate).toBe('2026-03-26');
    expect(parsed.createdOn).toBe('2026-03-24');
    expect(
      parsed.payments.map((p) => [
        p.sortCode,
        p.accountNumber,
        p.accountName,
        p.reference,
        p.amountPence,
        p.amount.toString(),
      ]),
    ).toEqual([
      ['089999', '66374958', 'J SMITH', 'DP WAGES MAR26', 123456n, '1234.56'],
      ['107999', '88837491', 'ANNA KOWALSKA', 'DP WAGES MAR26', 98765n, '987.65'],
      ['938611', '07806039', 'ZOE O BRIEN-SMITH', 'DP WAGES MAR26', 1n, '0.01'],
    ]);
    expect(parsed.payments.every((p) => p.transactionCode === '99' && p.userName === 'ACME PAYROLL BUREA')).toBe(true);
    expect(parsed.contras).toHaveLength(1);
    expect(parsed.contras[0]).toMatchObject({
      sortCode: '202959',
      accountNumber: '63748472',
      transactionCode: '17',
      reference: 'CONTRA',
      amountPence: 222222n,
    });
  });

  it("reads the trailer's totals, which equal the independently summed £2,222.22", () => {
    const { totals } = parseStandard18(written());
    expect(totals.credits.count).toBe(3);
    expect(totals.credits.amount.equals('2222.22')).toBe(true);
    expect(totals.debits.count).toBe(1);
    expect(totals.debits.amount.equals('2222.22')).toBe(true);
  });

  it('reads a file with LF line ends as well as CRLF', () => {
    expect(parseStandard18(written().replace(/\r\n/g, '\n')).payments).toHaveLength(3);
  });

  it('refuses a file whose UTL1 totals do not match its records', () => {
    const tampered = written().replace('UTL10000000222222', 'UTL10000000222223');
    expect(() => parseStandard18(tampered)).toThrow(InvalidBankPaymentInput);
    try {
      parseStandard18(tampered);
    } catch (error) {
      expect((error as InvalidBankPaymentInput).issues).toEqual([
        { path: 'lines[10]', rule: BACS_RULES.trailerMismatch },
      ]);
    }
  });

  it('refuses text that is not a Standard 18 file, naming the line', () => {
    expect(() => parseStandard18('hello')).toThrow(/lines\[0\]/);
    const lines = written().split('\r\n');
    lines[5] = lines[5]!.slice(0, 99);
    expect(() => parseStandard18(lines.join('\r\n'))).toThrow(/lines\[5\]: a data record must be 100 characters/);
  });
});
