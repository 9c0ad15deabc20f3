export * from './recoverable-surplus';
export * from './surplus-streams';
export * from './recovery-stream';
export * from './propose-recovery';
export * from './raise-recovery';
export * from './close-recovery';
export * from './review-stream';
export * from './record-review';
