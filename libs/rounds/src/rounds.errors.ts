import { ConflictError, InvalidInputError, NotFoundError } from '@app/errors';
import { RoundStatus } from './round.entity';

export class RoundNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('Round', id);
  }
}

/** The round is not in a state that allows the action. */
export class RoundStateError extends ConflictError {
  constructor(action: string, status: RoundStatus, allowed: readonly RoundStatus[]) {
    super(`Cannot ${action} a round that is ${status}; it must be ${allowed.join(' or ')}`);
  }
}

export class PreferenceWindowClosedError extends ConflictError {
  constructor() {
    super('The preference window of this round is not open');
  }
}

/** A ranked slot the student may not take, with the reasons from the eligibility rule. */
export class IneligibleSlotError extends ConflictError {
  constructor(slotId: string, reasons: { code: string; message: string }[]) {
    super(`You cannot rank slot ${slotId}: ${reasons.map((r) => r.message).join('; ')}`, {
      slotId,
      reasons,
    });
  }
}

export class InvalidPreferencesError extends InvalidInputError {}

export class AlreadyPlacedError extends ConflictError {
  constructor() {
    super('You already have a placement or an open offer, so you cannot rank slots in this round');
  }
}
