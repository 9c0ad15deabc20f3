import { defineStream, type DomainEvent } from '@dpe/decider';

/**
 * What the bureau has prepared for HMRC's Real Time Information and what became of it, one stream per employer and
 * tax year: `rti-{recipientId}-{taxYear}`. The documents themselves are not stored: they hold every PA's name, NI
 * number and address, and they are a function of the events (the payslips of the run, the hire, the employer's
 * registration), so `show-fps` writes them again and checks the hash recorded here. The engine does not send to
 * HMRC's gateway: an operator or a gateway adapter sends the document and records the outcome (`record-rti-submission`,
 * `record-rti-outcome`).
 */

export type RtiKind = 'fps' | 'eps';

/** DMBM519505: the late-filing penalty an FPS after payday risks, by the number of employees in the scheme. */
export interface LateFiling {
  /** Days after the payment date the FPS was prepared. */
  readonly daysLate: number;
  readonly employeesInScheme: number;
  /** The monthly penalty for a scheme of that size: £100 (1–9), £200 (10–49), £300 (50–249), £400 (250 or more). */
  readonly monthlyPenalty: string;
  /** The first late FPS of a tax year is not penalised (DMBM519505). */
  readonly firstOfTaxYear: boolean;
}

interface Prepared {
  readonly recipientId: string;
  readonly taxYear: string;
  /** Derived from the command id, so a retry prepares the same document. */
  readonly documentId: string;
  /** The IRmark written into the document (HMRC's generic IRmark of the GovTalk Body). */
  readonly irmark: string;
  /** SHA-256 (hex) of the GovTalk message as prepared: `show-fps` / `show-eps` check what they write against it. */
  readonly sha256: string;
  /** The business date it was prepared on. */
  readonly preparedOn: string;
}

/** FpsPrepared, schema version 1: a Full Payment Submission was written for one pay run and passed HMRC's schema. */
export interface FpsPreparedData extends Prepared {
  readonly payRunId: string;
  readonly payDate: string;
  /** The payslips it reports: the run's, every one traced to its inputs. */
  readonly payslipIds: readonly string[];
  readonly totals: {
    readonly taxablePay: string;
    readonly tax: string;
    readonly employeeNic: string;
    readonly employerNic: string;
  };
  /** Set when it was prepared after the payment date: an FPS is due on or before payday (PAYE Regs 2003 reg 67B). */
  readonly late: LateFiling | null;
  /** HMRC's late-reporting reason (A–H) the operator gave, written on every Employee's Payment; null if none. */
  readonly lateReason: 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | null;
}
export type FpsPrepared = DomainEvent<'FpsPrepared', FpsPreparedData>;

/** EpsPrepared, schema version 1: an Employer Payment Summary was written for a tax month and passed HMRC's schema. */
export interface EpsPreparedData extends Prepared {
  readonly taxMonth: number;
  readonly noPayment: boolean;
  /** Whether it claims the employment allowance (EmpAllceInd yes): on the year's first EPS of a claiming employer. */
  readonly claimsEmploymentAllowance: boolean;
  readonly recoverable: {
    readonly smpRecovered: string;
    readonly sppRecovered: string;
    readonly nicCompensationOnSmp: string;
    readonly nicCompensationOnSpp: string;
  };
  readonly finalForYear: boolean;
}
export type EpsPrepared = DomainEvent<'EpsPrepared', EpsPreparedData>;

/** FpsSubmitted / EpsSubmitted, schema version 1: the document with this hash was sent to HMRC. */
export interface RtiSubmittedData {
  readonly recipientId: string;
  readonly documentId: string;
  readonly sha256: string;
  readonly submittedOn: string;
  /** The gateway's correlation id, when the sender has one. */
  readonly correlationId: string | null;
}
export type FpsSubmitted = DomainEvent<'FpsSubmitted', RtiSubmittedData>;
export type EpsSubmitted = DomainEvent<'EpsSubmitted', RtiSubmittedData>;

/** FpsAccepted / EpsAccepted, schema version 1. */
export interface RtiAcceptedData {
  readonly recipientId: string;
  readonly documentId: string;
  readonly acceptedOn: string;
}
export type FpsAccepted = DomainEvent<'FpsAccepted', RtiAcceptedData>;
export type EpsAccepted = DomainEvent<'EpsAccepted', RtiAcceptedData>;

/** FpsRejected / EpsRejected, schema version 1: HMRC's error codes and texts, as its response gives them. */
export interface RtiRejectedData {
  readonly recipientId: string;
  readonly documentId: string;
  readonly rejectedOn: string;
  readonly errors: readonly { readonly code: string; readonly text: string }[];
}
export type FpsRejected = DomainEvent<'FpsRejected', RtiRejectedData>;
export type EpsRejected = DomainEvent<'EpsRejected', RtiRejectedData>;

export type RtiEvent =
  FpsPrepared | EpsPrepared | FpsSubmitted | EpsSubmitted | FpsAccepted | EpsAccepted | FpsRejected | EpsRejected;

export type RtiStatus = 'prepared' | 'submitted' | 'accepted' | 'rejected';

export type RtiDocumentRecord =
  | ({ readonly kind: 'fps'; readonly status: RtiStatus; readonly outcome: RtiOutcome | null } & FpsPreparedData)
  | ({ readonly kind: 'eps'; readonly status: RtiStatus; readonly outcome: RtiOutcome | null } & EpsPreparedData);

export type RtiOutcome =
  | { readonly submitted: RtiSubmittedData }
  | { readonly submitted: RtiSubmittedData | null; readonly accepted: RtiAcceptedData }
  | { readonly submitted: RtiSubmittedData | null; readonly rejected: RtiRejectedData };

export interface RtiYearState {
  /** Every document prepared, in order, with what became of it. */
  readonly documents: readonly RtiDocumentRecord[];
}

const update = (
  state: RtiYearState,
  documentId: string,
  change: (record: RtiDocumentRecord) => RtiDocumentRecord,
): RtiYearState => ({
  documents: state.documents.map((record) => (record.documentId === documentId ? change(record) : record)),
});

const submittedOf = (record: RtiDocumentRecord): RtiSubmittedData | null =>
  record.outcome && 'submitted' in record.outcome ? record.outcome.submitted : null;

export const rtiStream = defineStream<RtiEvent, RtiYearState>({
  name: 'rti',
  streamId: (key) => `rti-${key}`,
  initialState: { documents: [] },
  evolve(state, event) {
    switch (event.type) {
      case 'FpsPrepared':
        return { documents: [...state.documents, { kind: 'fps', status: 'prepared', outcome: null, ...event.data }] };
      case 'EpsPrepared':
        return { documents: [...state.documents, { kind: 'eps', status: 'prepared', outcome: null, ...event.data }] };
      case 'FpsSubmitted':
      case 'EpsSubmitted':
        return update(state, event.data.documentId, (record) => ({
          ...record,
          status: 'submitted',
          outcome: { submitted: event.data },
        }));
      case 'FpsAccepted':
      case 'EpsAccepted':
        return update(state, event.data.documentId, (record) => ({
          ...record,
          status: 'accepted',
          outcome: { submitted: submittedOf(record), accepted: event.data },
        }));
      case 'FpsRejected':
      case 'EpsRejected':
        return update(state, event.data.documentId, (record) => ({
          ...record,
          status: 'rejected',
          outcome: { submitted: submittedOf(record), rejected: event.data },
        }));
      default:
        // Events a newer version writes leave the state as it is.
        return state;
    }
  },
  // HMRC's error texts may quote a name or an NI number from the document.
  personalData: { FpsRejected: ['errors'], EpsRejected: ['errors'] },
});

export const rtiKey = (recipientId: string, taxYear: string): string => `${recipientId}-${taxYear}`;
