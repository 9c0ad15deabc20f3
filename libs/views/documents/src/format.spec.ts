import { formatDate, formatMoney, formatRate, formatWholePounds, maskedAccount, formatSortCode } from './format';

describe('formatting', () => {
  it('formats money from its decimal text', () => {
    expect(formatMoney('1234.56')).toBe('£1,234.56');
    expect(formatMoney('1234567.5')).toBe('£1,234,567.50');
    expect(formatMoney('0')).toBe('£0.00');
    expect(formatMoney('-12.3')).toBe('-£12.30');
    expect(formatMoney('-0.00')).toBe('£0.00');
    expect(formatMoney('999.99')).toBe('£999.99');
  });
  it('keeps every place of a rate', () => {
    expect(formatRate('12.21')).toBe('£12.21');
    expect(formatRate('10.8375')).toBe('£10.8375');
    expect(formatRate('45')).toBe('£45.00');
    expect(formatRate('1250.5')).toBe('£1,250.50');
  });
  it('drops pence for whole-pound figures', () => {
    expect(formatWholePounds('1352.78')).toBe('£1,352');
    expect(formatWholePounds('0.00')).toBe('£0');
  });
  it('writes dates without a time zone', () => {
    expect(formatDate('2026-04-05')).toBe('5 April 2026');
    expect(() => formatDate('2026-13-01')).toThrow();
  });
  it('masks account numbers and hyphenates sort codes', () => {
    expect(maskedAccount('1234')).toBe('****1234');
    expect(maskedAccount('41241234')).toBe('****1234');
    expect(formatSortCode('200000')).toBe('20-00-00');
    expect(formatSortCode('******')).toBe('******');
  });
});
