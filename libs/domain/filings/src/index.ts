export * from './rti-stream';
export * from './fps-of-pay-run';
export * from './late-filing';
export * from './prepare-fps';
export * from './prepare-eps';
export * from './record-rti';
export * from './show-rti';
export * from './payment-file';
