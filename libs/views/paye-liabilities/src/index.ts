export * from './rules';
export * from './projection';
export * from './queries';
