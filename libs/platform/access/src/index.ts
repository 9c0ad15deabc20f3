export * from './roles';
export * from './principal';
export * from './policy';
export * from './api-key';
export * from './oidc';
