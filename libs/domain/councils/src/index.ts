export * from './councils';
