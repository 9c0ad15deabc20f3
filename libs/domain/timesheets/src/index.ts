export * from './timesheet-stream';
export * from './submit-timesheet';
export * from './approve-timesheet';
export * from './amend-timesheet';
