import { InvalidInputError } from '@app/errors';

export class UnknownProgrammesError extends InvalidInputError {
  constructor(ids: string[]) {
    super(`programmeIds: unknown programme(s) ${ids.join(', ')}`);
  }
}

export class NotAHostError extends InvalidInputError {
  constructor() {
    super('organisationId must name an existing employer or public organisation');
  }
}

export class SlotPeriodError extends InvalidInputError {
  constructor() {
    super('endsOn must be after startsOn');
  }
}
