import { AdminUserView, ThrottledAccount } from '@app/accounts';
import { ROLES, Role } from '@app/database';
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

  @ApiProperty({ description: 'False while deactivated: cannot sign in, every session ended' })
  active!: boolean;

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

export class ThrottledAccountResponse implements ThrottledAccount {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ format: 'email' })
  email!: string;

  @ApiProperty()
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ description: 'How many client addresses may not try this account for now' })
  addresses!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  firstBlockedAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', description: 'When the last block ends' })
  blockedUntil!: Date;
}

export const ThrottledAccountPage = PageOf(ThrottledAccountResponse, 'ThrottledAccountPage');
