export * from './recipient';
