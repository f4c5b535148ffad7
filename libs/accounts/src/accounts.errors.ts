import { UnauthenticatedError } from '@app/errors';

/** The same answer whether the e-mail is unknown or the password wrong. */
export class InvalidCredentialsError extends UnauthenticatedError {
  constructor() {
    super('Invalid e-mail or password', { code: 'auth.invalid_credentials' });
  }
}
