import { ConflictError, InvalidInputError, NotFoundError } from '@app/errors';

export class PlacementNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('Placement', id);
  }
}

export class GuardianConsentRequiredError extends InvalidInputError {
  constructor() {
    super(
      'guardianConsent: you are under 18, so a parent or guardian must consent ({ name, confirmed: true })',
    );
  }
}

export class CapacityReachedError extends ConflictError {
  constructor() {
    super('Every seat of this slot has been taken');
  }
}

export class OfferNotOpenError extends ConflictError {
  constructor(status: string, expired: boolean) {
    super(
      expired
        ? 'The offer has expired (tilbuddet er udløbet)'
        : `The offer has already been answered (${status})`,
    );
  }
}

export class NotAcceptedError extends ConflictError {
  constructor(status: string) {
    super(`Only an accepted placement can be confirmed; this one is ${status}`);
  }
}

export class AlreadyHasPlacementError extends ConflictError {
  constructor() {
    super('You have already accepted another placement');
  }
}
