export * from './ledger';
export * from './projection';
export * from './queries';
