export * from './councils';
export * from './council-policy';
