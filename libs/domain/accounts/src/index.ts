export * from './account-stream';
export * from './funding';
export * from './client-contribution';
export * from './other-spend';
export * from './show-account';
