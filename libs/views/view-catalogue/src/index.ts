export * from './read-models';
export * from './catalogue';
export { recipientStreams } from './view-query';
