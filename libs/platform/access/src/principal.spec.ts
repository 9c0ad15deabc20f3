import { ownsRecord, type Principal } from './principal';

const principal = (overrides: Partial<Principal>): Principal => ({
  actor: 'key:k0000000000000001',
  kind: 'key',
  roles: [],
  councils: ['kent'],
  ...overrides,
});

describe('ownsRecord: whose a record is, for the payroll’s own people', () => {
  const employer = principal({ roles: ['employer'], recipients: ['r-1'] });
  const pa = principal({ roles: ['pa'], recipients: ['r-1'], employments: ['e-1'] });
  const both = ['employer', 'pa'] as const;

  it('given an employer bound to r-1, then every record of r-1 is its own, and none of r-2', () => {
    expect(ownsRecord(employer, both, { recipientId: 'r-1', employmentId: 'e-1' })).toBe(true);
    expect(ownsRecord(employer, both, { recipientId: 'r-1', employmentId: 'e-2' })).toBe(true);
    expect(ownsRecord(employer, both, { recipientId: 'r-2' })).toBe(false);
  });

  it("given a PA holding e-1 with r-1, then e-1's records are its own and not its employer's other PAs'", () => {
    expect(ownsRecord(pa, both, { recipientId: 'r-1', employmentId: 'e-1' })).toBe(true);
    expect(ownsRecord(pa, both, { recipientId: 'r-1', employmentId: 'e-2' })).toBe(false);
    // A record naming no employment (an employer's balance) is never a PA's.
    expect(ownsRecord(pa, both, { recipientId: 'r-1' })).toBe(false);
    // The employment must be the PA's with that employer: the same id under another recipient is not it.
    expect(ownsRecord(pa, both, { recipientId: 'r-2', employmentId: 'e-1' })).toBe(false);
  });

  it('given a route that does not allow the pa role, then a PA owns nothing through it', () => {
    expect(ownsRecord(pa, ['employer'], { recipientId: 'r-1', employmentId: 'e-1' })).toBe(false);
  });

  it('given no record (a route that cannot tell whose an answer is), then nobody owns it', () => {
    expect(ownsRecord(employer, both, undefined)).toBe(false);
  });
});
