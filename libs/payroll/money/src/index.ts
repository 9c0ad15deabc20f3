export { Money, InvalidMoney, rate, DecimalOf } from './money';
export type { MoneyInput, Rate, DecimalValue } from './money';
