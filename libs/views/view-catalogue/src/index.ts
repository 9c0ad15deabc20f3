export * from './read-models';
export * from './catalogue';
export { recipientStreams } from './view-query';
export { listHmrcPayments, hmrcPaymentsCsv, type HmrcPayment } from './hmrc-payments';
