export * from './read-models';
export * from './catalogue';
export { recipientStreams, readView, AsAtParams, PageParams } from './view-query';
