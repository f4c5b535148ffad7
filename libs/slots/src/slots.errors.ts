import { ConflictError, InvalidInputError } from '@app/errors';

export class UnknownProgrammesError extends InvalidInputError {
  constructor(ids: string[]) {
    super(`programmeIds: unknown programme(s) ${ids.join(', ')}`, {
      code: 'slot.unknown_programmes',
      field: 'programmeIds',
      params: { value: ids.join(', ') },
    });
  }
}

export class NotAHostError extends InvalidInputError {
  constructor() {
    super('organisationId must name an existing employer or public organisation', {
      code: 'slot.not_a_host',
      field: 'organisationId',
    });
  }
}

export class SlotPeriodError extends InvalidInputError {
  constructor() {
    super('endsOn must be after startsOn', { code: 'slot.period_order', field: 'endsOn' });
  }
}

/** The slot is in a round that has not made its offers yet: see SlotsService.update. */
export class SlotAgeTermsFixedError extends ConflictError {
  constructor(roundId: string) {
    super(
      `minAge and startsOn cannot change while the slot is in round ${roundId}, until its offers are made`,
      { code: 'slot.age_terms_fixed', details: { roundId } },
    );
  }
}
