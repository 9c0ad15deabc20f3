import { Money, InvalidMoney } from '@dpe/money';

describe('Money', () => {
  it('adds exactly where binary floats drift: 0.10 + 0.20 is 0.30', () => {
    expect(Money.of('0.10').plus('0.20').toString()).toBe('0.30');
  });

  it('rounds down to the penny as HMRC rounds tax and NI deductions', () => {
    expect(Money.of('12.349').roundDownToPenny().toString()).toBe('12.34');
    expect(Money.of('-12.349').roundDownToPenny().toString()).toBe('-12.34');
  });

  it('rounds down to whole pounds as HMRC takes loan earnings', () => {
    expect(Money.of('2150.99').roundDownToPound().toString()).toBe('2150.00');
  });

  it('rounds half a penny down under the NI exact-percentage rule and up where a rule says so', () => {
    expect(Money.of('1.005').roundHalfDownToPenny().toString()).toBe('1.00');
    expect(Money.of('1.0051').roundHalfDownToPenny().toString()).toBe('1.01');
    expect(Money.of('1.005').roundHalfUpToPenny().toString()).toBe('1.01');
  });

  it('refuses fractional floats, so no float ever becomes money', () => {
    expect(() => Money.of(0.1)).toThrow(InvalidMoney);
  });

  it('names the field and the rule when user input is bad', () => {
    expect(() => Money.parse('12.345', 'gross')).toThrow('gross: must have at most 2 decimal places');
    expect(() => Money.parse('-1', 'gross')).toThrow('gross: must not be negative');
    expect(() => Money.parse('abc', 'gross')).toThrow('gross: must be an amount in pounds');
  });

  it('serialises with two decimals', () => {
    expect(JSON.stringify({ net: Money.of('5') })).toBe('{"net":"5.00"}');
  });
});
