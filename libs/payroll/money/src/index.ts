export { Money, InvalidMoney, rate, DecimalOf, readAmount } from './money';
export type { MoneyInput, Rate, DecimalValue, InputErrorClass } from './money';
