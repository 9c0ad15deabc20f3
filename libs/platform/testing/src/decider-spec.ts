import { DateTime } from 'luxon';
import { derivedIds, upcast, type AnyCommandDeclaration, type DomainEvent } from '@dpe/decider';
import { EngineError, InvalidInput } from '@dpe/errors';
import type { RecordedEvent } from '@dpe/event-store';
import { parseInput } from '@dpe/schema';

/** A past event for `given`: its type and data, and the schema version it was written at (default: current). */
export interface GivenEvent {
  readonly type: string;
  readonly data: unknown;
  readonly schemaVersion?: number;
}

export interface WhenOptions {
  readonly commandId?: string;
  /** Business time of the decision (Europe/London); default 2026-06-01T09:00. */
  readonly now?: string;
  /** What the command's `prepare` step would have found outside the stream (a registered council, a drawn secret). */
  readonly prepared?: unknown;
}

const DEFAULT_NOW = '2026-06-01T09:00:00';

function decideOnce(
  declaration: AnyCommandDeclaration,
  given: readonly GivenEvent[],
  input: unknown,
  options: WhenOptions,
): readonly DomainEvent[] {
  const command: unknown = declaration.complete(
    parseInput(declaration.input, input),
    derivedIds(options.commandId ?? 'spec-command'),
  );
  let state: unknown = declaration.stream.initialState;
  given.forEach((event, index) => {
    const stored = {
      ...event,
      schemaVersion: event.schemaVersion ?? Number.MAX_SAFE_INTEGER,
      revision: BigInt(index),
    } as unknown as RecordedEvent;
    state = declaration.stream.evolve(state, upcast(declaration.stream, stored));
  });
  return declaration.decide(
    command,
    state,
    DateTime.fromISO(options.now ?? DEFAULT_NOW, { zone: 'Europe/London' }),
    options.prepared,
  );
}

function outcome(run: () => readonly DomainEvent[]): { events?: readonly DomainEvent[]; error?: unknown } {
  try {
    return { events: run() };
  } catch (error) {
    return { error };
  }
}

/**
 * A command's specification, read as given / when / then: given these past events, when this input arrives, then
 * exactly these events are decided, or this error is raised. The input goes through the command's own schema, so
 * the spec exercises the same path as the API and the CLI, minus the store.
 *
 *   commandSpec(enrolRecipient).given([]).when({ … }).then([{ type: 'RecipientEnrolled', data: { … } }]);
 */
export function commandSpec(declaration: AnyCommandDeclaration, defaults: WhenOptions = {}) {
  return {
    given: (events: readonly GivenEvent[]) => ({
      when: (input: unknown, options: WhenOptions = {}) => {
        const result = outcome(() => decideOnce(declaration, events, input, { ...defaults, ...options }));
        return {
          then(expected: readonly DomainEvent[]): void {
            if (result.error) throw result.error;
            expect(result.events).toEqual(expected);
          },
          /** The events decided, for a spec that checks the figures it cares about (a payslip has dozens). */
          events(): readonly DomainEvent[] {
            if (result.error) throw result.error;
            return result.events!;
          },
          /** The decision is refused with this stable error code (e.g. recipient.already-enrolled). */
          thenError(code: string, kind?: EngineError['kind']): void {
            expect(result.events).toBeUndefined();
            expect(result.error).toBeInstanceOf(EngineError);
            expect(result.error).toMatchObject({ code, ...(kind ? { kind } : {}) });
          },
          /** The input is refused naming exactly these fields (each with a rule). */
          thenInvalid(paths: readonly string[]): readonly { path: string; rule: string }[] {
            expect(result.events).toBeUndefined();
            expect(result.error).toBeInstanceOf(InvalidInput);
            const issues = (result.error as InvalidInput).issues;
            expect(issues.map((i) => i.path).sort()).toEqual([...paths].sort());
            for (const issue of issues) expect(issue.rule).toEqual(expect.any(String));
            return issues;
          },
        };
      },
    }),
  };
}
