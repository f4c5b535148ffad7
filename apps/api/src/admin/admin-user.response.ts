import { AdminUserView, ROLES, Role } from '@app/accounts';
import { ACCOUNT_LANGUAGES, AccountLanguage } from '@app/students';
import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../http/page-response';
import { OrganisationRef } from '../organisations/organisation.response';

/** An account as admins manage it. */
export class AdminUserResponse implements AdminUserView {
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

  @ApiProperty({ type: OrganisationRef, nullable: true })
  organisation!: OrganisationRef | null;

  @ApiProperty({ description: 'Whether the invitation is accepted and a password set' })
  activated!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastLoginAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
}

export const AdminUserPage = PageOf(AdminUserResponse, 'AdminUserPage');

export class CreatedStaffResponse {
  @ApiProperty({ type: AdminUserResponse })
  user!: AdminUserResponse;

  @ApiProperty({ description: 'Goes into the invitation link; shown only this once' })
  invitationToken!: string;
}
