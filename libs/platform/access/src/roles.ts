/**
 * Who may do what, as data. Bureau roles are the payroll provider's staff and integrations; council roles are the
 * council's own staff, who sign in through their council's identity provider; employer and pa are the people the
 * payroll is for (used by the employment, timesheet and payslip routes).
 */
export const ROLES = {
  'bureau-admin': {
    side: 'bureau',
    summary: 'registers councils, issues and revokes API keys, and everything a payroll operator may do',
  },
  'payroll-operator': {
    side: 'bureau',
    summary:
      'every write command (recipients, employment, timesheets, pay runs, payments) for the councils the bureau serves',
  },
  'council-finance': {
    side: 'council',
    summary: 'reads everything of its own council; funding, policy and recovery commands',
  },
  auditor: { side: 'council', summary: 'read-only within its scope, including as-at and trace; never writes' },
  employer: {
    side: 'self',
    summary:
      'a recipient or their representative: submits and approves timesheets of their own employments, reads their own payslips and balance',
  },
  pa: { side: 'self', summary: 'a Personal Assistant: reads their own payslips' },
} as const;

export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as [Role, ...Role[]];

/** Every role that may read a council's records (the writers read what they write). */
export const READERS: readonly Role[] = ['bureau-admin', 'payroll-operator', 'council-finance', 'auditor'];
/** The bureau's writers. */
export const BUREAU_WRITERS: readonly Role[] = ['bureau-admin', 'payroll-operator'];
export const BUREAU_ADMIN: readonly Role[] = ['bureau-admin'];
