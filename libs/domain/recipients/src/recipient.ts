import { DomainError, type Decider, type DomainEvent, type FieldError, InvalidCommand } from '@dpe/decider';
import {
  accountsOfficeReferenceProblem,
  employerPayeReferenceProblem,
  normaliseAccountsOfficeReference,
  normaliseEmployerPayeReference,
} from '@dpe/identifiers';
import { DateTime } from 'luxon';

/**
 * A Direct Payment recipient: the person (or their parent, carer or suitable person) who holds the DP account
 * and, when they employ Personal Assistants, is a PAYE employer. Stream: recipient-{recipientId}.
 */
export const RECIPIENT_TYPES = ['adult', 'carer', 'parent-of-disabled-child'] as const;
export type RecipientType = (typeof RECIPIENT_TYPES)[number];

// Care Act 2014 s.32 lets a "suitable person" receive the DP for an adult who lacks capacity; a nominated
// representative manages it for someone who has capacity (dp-domain.md §5.1).
export const REPRESENTATIVE_ROLES = ['representative', 'suitable-person'] as const;
export type RepresentativeRole = (typeof REPRESENTATIVE_ROLES)[number];

export const DP_ACCOUNT_TYPES = ['managed-account', 'bank-account', 'prepaid-card'] as const;
export type DpAccountType = (typeof DP_ACCOUNT_TYPES)[number];

export interface Representative {
  readonly name: string;
  readonly role: RepresentativeRole;
}

export interface EnrolRecipient {
  readonly kind: 'EnrolRecipient';
  readonly recipientId: string;
  readonly council: string;
  readonly recipientType: RecipientType;
  readonly name: string;
  readonly representative: Representative | null;
  readonly accountType: DpAccountType;
  readonly employerPayeReference: string;
  readonly accountsOfficeReference: string;
  /** Business date of enrolment, yyyy-mm-dd in Europe/London. */
  readonly enrolledOn: string;
}

export type RecipientCommand = EnrolRecipient;

export interface RecipientEnrolledV1 {
  readonly recipientId: string;
  readonly council: string;
  readonly recipientType: RecipientType;
  readonly name: string;
  readonly representative: Representative | null;
  readonly accountType: DpAccountType;
  readonly employer: { readonly payeReference: string; readonly accountsOfficeReference: string };
  readonly enrolledOn: string;
}

export type RecipientEnrolled = DomainEvent<'RecipientEnrolled', RecipientEnrolledV1>;
export type RecipientEvent = RecipientEnrolled;

export type RecipientState =
  | { readonly status: 'not-enrolled' }
  | ({ readonly status: 'enrolled' } & RecipientEnrolledV1);

export function recipientStreamId(recipientId: string): string {
  return `recipient-${recipientId}`;
}

export const recipientDecider: Decider<RecipientCommand, RecipientEvent, RecipientState> = {
  initialState: { status: 'not-enrolled' },

  decide(command, state) {
    switch (command.kind) {
      case 'EnrolRecipient': {
        if (state.status === 'enrolled') {
          throw new DomainError(
            'conflict',
            'recipient.already-enrolled',
            `recipient ${command.recipientId} is already enrolled (with ${state.council} on ${state.enrolledOn}); a recipient is enrolled once`,
          );
        }
        const { kind: _kind, employerPayeReference, accountsOfficeReference, ...rest } = command;
        return [
          {
            type: 'RecipientEnrolled',
            schemaVersion: 1,
            data: { ...rest, employer: { payeReference: employerPayeReference, accountsOfficeReference } },
          },
        ];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'RecipientEnrolled':
        return { status: 'enrolled', ...event.data };
      default:
        // Events this version does not know (written by a newer one) leave the state as it is.
        return state;
    }
  },
};

const RECIPIENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function text(input: Record<string, unknown>, field: string, errors: FieldError[], max = 200): string {
  const value = input[field];
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    errors.push({ field, rule: 'is required' });
    return '';
  }
  if (typeof value !== 'string') {
    errors.push({ field, rule: 'must be a string' });
    return '';
  }
  if (value.trim().length > max) errors.push({ field, rule: `must be at most ${max} characters` });
  return value.trim();
}

function oneOf<T extends string>(
  input: Record<string, unknown>,
  field: string,
  allowed: readonly T[],
  errors: FieldError[],
): T {
  const value = input[field];
  if (value === undefined || value === null || value === '') {
    errors.push({ field, rule: `is required: one of ${allowed.join(', ')}` });
  } else if (!allowed.includes(value as T)) {
    errors.push({ field, rule: `must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})` });
  }
  return value as T;
}

/**
 * Turns untrusted input (an HTTP body, CLI flags) into an EnrolRecipient, naming every bad field at once.
 * The recipient id may be supplied by the caller or generated by the shell before this is called.
 */
export function parseEnrolRecipient(input: unknown, today: string): EnrolRecipient {
  const errors: FieldError[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidCommand([{ field: '(body)', rule: 'must be a JSON object' }]);
  }
  const body = input as Record<string, unknown>;

  const recipientId = text(body, 'recipientId', errors, 64);
  if (recipientId && !RECIPIENT_ID.test(recipientId)) {
    errors.push({ field: 'recipientId', rule: 'must be 1-64 letters, digits, "-" or "_", starting with a letter or digit' });
  }
  const council = text(body, 'council', errors);
  const name = text(body, 'name', errors);
  const recipientType = oneOf(body, 'recipientType', RECIPIENT_TYPES, errors);
  const accountType = oneOf(body, 'accountType', DP_ACCOUNT_TYPES, errors);

  let representative: Representative | null = null;
  const rep = body['representative'];
  if (rep !== undefined && rep !== null) {
    if (typeof rep !== 'object' || Array.isArray(rep)) {
      errors.push({ field: 'representative', rule: 'must be an object with name and role' });
    } else {
      const repBody = rep as Record<string, unknown>;
      const repErrors: FieldError[] = [];
      const repName = text(repBody, 'name', repErrors);
      const role = oneOf(repBody, 'role', REPRESENTATIVE_ROLES, repErrors);
      errors.push(...repErrors.map((e) => ({ field: `representative.${e.field}`, rule: e.rule })));
      representative = { name: repName, role };
    }
  }
  if (recipientType === 'parent-of-disabled-child' && representative === null) {
    // The DP for a disabled child is paid to the parent (Children Act 1989 s.17A), so the parent must be named.
    errors.push({ field: 'representative', rule: 'is required for a parent of a disabled child: name the parent receiving the payment' });
  }

  const paye = text(body, 'employerPayeReference', errors, 20);
  const payeProblem = paye ? employerPayeReferenceProblem(paye) : undefined;
  if (payeProblem) errors.push({ field: 'employerPayeReference', rule: payeProblem });

  const aor = text(body, 'accountsOfficeReference', errors, 20);
  const aorProblem = aor ? accountsOfficeReferenceProblem(aor) : undefined;
  if (aorProblem) errors.push({ field: 'accountsOfficeReference', rule: aorProblem });

  let enrolledOn = today;
  const enrolledOnInput = body['enrolledOn'];
  if (enrolledOnInput !== undefined && enrolledOnInput !== null) {
    const valid =
      typeof enrolledOnInput === 'string' &&
      ISO_DATE.test(enrolledOnInput) &&
      DateTime.fromISO(enrolledOnInput, { zone: 'Europe/London' }).isValid;
    if (!valid) errors.push({ field: 'enrolledOn', rule: 'must be a calendar date yyyy-mm-dd' });
    else enrolledOn = enrolledOnInput;
  }

  if (errors.length > 0) throw new InvalidCommand(errors);
  return {
    kind: 'EnrolRecipient',
    recipientId,
    council,
    recipientType,
    name,
    representative,
    accountType,
    employerPayeReference: normaliseEmployerPayeReference(paye),
    accountsOfficeReference: normaliseAccountsOfficeReference(aor),
    enrolledOn,
  };
}
