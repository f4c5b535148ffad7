import { ConflictError, InvalidInputError, NotFoundError } from '@app/errors';
import { RoundStatus } from '@app/database';

export class RoundNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('Round', id);
  }
}

/** The round is not in a state that allows the action. */
export class RoundStateError extends ConflictError {
  constructor(action: string, status: RoundStatus, allowed: readonly RoundStatus[]) {
    super(`Cannot ${action} a round that is ${status}; it must be ${allowed.join(' or ')}`, {
      code: 'round.state',
      params: { action, status, allowed: allowed.join(', ') },
    });
  }
}

export class PreferenceWindowClosedError extends ConflictError {
  constructor() {
    super('The preference window of this round is not open', { code: 'round.window_closed' });
  }
}

/** A ranked slot the student may not take, with the reasons from the eligibility rule. */
export class IneligibleSlotError extends ConflictError {
  constructor(slotId: string, reasons: { code: string; message: string }[]) {
    super(`You cannot rank slot ${slotId}: ${reasons.map((r) => r.message).join('; ')}`, {
      code: 'round.ineligible_slot',
      field: 'slotIds',
      details: { slotId, reasons },
    });
  }
}

export class InvalidPreferencesError extends InvalidInputError {
  constructor(message: string, field: string, details?: unknown) {
    super(message, { code: 'round.invalid_preferences', field, details });
  }
}

export class AlreadyPlacedError extends ConflictError {
  constructor() {
    super('You already have a placement or an open offer, so you cannot rank slots in this round', {
      code: 'round.already_placed',
    });
  }
}

/** Opening would give students nothing to rank: every open slot's seats are held or taken. */
export class NoFreeSlotsError extends ConflictError {
  constructor() {
    super(
      'No open slot has a free seat: every seat is held by an accepted placement or an open offer, or the slots end before preferences close',
      { code: 'round.no_free_slots' },
    );
  }
}

/**
 * Another round's preference window is open: students would be told to rank in two rounds and
 * see one. Names the open round, so the admin knows which to close first.
 */
export class AnotherRoundOpenError extends ConflictError {
  constructor(open: { id: string; name: string } | null) {
    super(
      `Another round is open${open ? ` (${open.name})` : ''}: close it before opening this one`,
      {
        code: 'round.another_open',
        params: { name: open?.name ?? '' },
        details: open ? { roundId: open.id } : undefined,
      },
    );
  }
}

export class RoundWindowError extends InvalidInputError {
  constructor() {
    super('The preference window must close after it opens');
  }
}
