import { ConflictError, InvalidInputError, NotFoundError } from '@app/errors';

/** Hiring needs belong to employers and public bodies; schools and networks hire through them. */
export class NotAnEmployerError extends NotFoundError {
  constructor(id: string) {
    super('Employer', id);
  }
}

export class DuplicateHiringNeedError extends InvalidInputError {
  constructor(programmeId: string, year: number) {
    super(`items: programme ${programmeId} and year ${year} are given more than once`, {
      code: 'pipeline.duplicate_hiring_need',
      field: 'items',
      params: { year },
    });
  }
}

export class UnknownProgrammesError extends InvalidInputError {
  constructor(ids: readonly string[]) {
    super(`items: no programme ${ids.slice(0, 5).join(', ')}`, {
      code: 'pipeline.unknown_programmes',
      field: 'items',
    });
  }
}

export class PlacementNotFinishedError extends ConflictError {
  constructor() {
    super('the outcome can be recorded once the placement period has ended', {
      code: 'outcome.not_finished',
    });
  }
}

export class PlacementNotTakenError extends ConflictError {
  constructor() {
    super('only an accepted or confirmed placement has an outcome', { code: 'outcome.not_taken' });
  }
}

export class NoOutcomeYetError extends ConflictError {
  constructor() {
    super('the host has not recorded an outcome yet', { code: 'outcome.none_yet' });
  }
}

export class FollowUpLinkNotFoundError extends NotFoundError {
  constructor() {
    super('Follow-up link');
  }
}

export class FollowUpLinkUsedError extends ConflictError {
  constructor() {
    super('This follow-up has already been answered; the link works once', {
      code: 'followup.link_used',
    });
  }
}

export class FollowUpLinkExpiredError extends ConflictError {
  constructor() {
    super('This follow-up link has expired', { code: 'followup.link_expired' });
  }
}

export class NotAnAllianceMemberError extends InvalidInputError {
  constructor() {
    super('organisationId: not an employer or public body of the alliance', {
      code: 'followup.not_a_member',
      field: 'organisationId',
    });
  }
}
