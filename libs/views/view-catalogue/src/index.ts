export * from './read-models';
export * from './catalogue';
