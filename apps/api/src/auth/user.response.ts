import { UserView } from '@app/accounts';
import { ROLES, Role } from '@app/database';
import { ACCOUNT_LANGUAGES, AccountLanguage } from '@app/students';
import { ApiProperty } from '@nestjs/swagger';

/** What users see of their own account. */
export class UserResponse implements UserView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'email' })
  email!: string;

  @ApiProperty()
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ enum: ACCOUNT_LANGUAGES })
  language!: AccountLanguage;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  organisationId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  studentId!: string | null;
}

export class LoginResponse {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <token>`' })
  accessToken!: string;

  @ApiProperty({ type: UserResponse })
  user!: UserResponse;
}
