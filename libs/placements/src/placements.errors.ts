import { ConflictError, InvalidInputError, NotFoundError } from '@app/errors';

export class PlacementNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('Placement', id);
  }
}

export class GuardianRequiredError extends InvalidInputError {
  constructor() {
    super(
      'guardian: you are under 18, so name a parent or guardian ({ name, email }); they consent by e-mail',
      { code: 'offer.guardian_required', field: 'guardian' },
    );
  }
}

/** An unknown or forged token: nothing says whether any request exists. */
export class GuardianLinkNotFoundError extends NotFoundError {
  constructor() {
    super('Guardian consent link');
  }
}

export class GuardianLinkUsedError extends ConflictError {
  constructor(outcome: string) {
    super(`This consent has already been answered (${outcome}); the link works once`, {
      code: 'offer.guardian_link_used',
      params: { status: outcome },
    });
  }
}

export class GuardianLinkExpiredError extends ConflictError {
  constructor() {
    super("The offer's deadline has passed", { code: 'offer.guardian_link_expired' });
  }
}

export class CapacityReachedError extends ConflictError {
  constructor() {
    super('Every seat of this slot has been taken', { code: 'offer.capacity_reached' });
  }
}

export class OfferNotOpenError extends ConflictError {
  constructor(status: string, expired: boolean) {
    super(
      expired ? 'The offer has expired' : `The offer has already been answered (${status})`,
      expired ? { code: 'offer.expired' } : { code: 'offer.already_answered', params: { status } },
    );
  }
}

export class NotAcceptedError extends ConflictError {
  constructor(status: string) {
    super(`Only an accepted placement can be confirmed; this one is ${status}`, {
      code: 'offer.not_accepted',
      params: { status },
    });
  }
}

export class AlreadyHasPlacementError extends ConflictError {
  constructor() {
    super('You have already accepted another placement', { code: 'offer.already_placed' });
  }
}
