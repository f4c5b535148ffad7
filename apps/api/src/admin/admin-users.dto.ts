import { NoCprNumber } from '@app/validation';
import { ROLES, Role } from '@app/database';
import { ACCOUNT_LANGUAGES, AccountLanguage } from '@app/students';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { ExportPageQuery } from '../http/export-query';

const STAFF_ROLES = ['coordinator', 'reviewer', 'admin'] as const;
type StaffRole = (typeof STAFF_ROLES)[number];

export class CreateUserDto {
  @ApiProperty({ example: 'praktik@skole.dk' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Length(1, 200)
  @NoCprNumber()
  displayName!: string;

  @ApiProperty({ enum: STAFF_ROLES, description: 'Students are created through /api/students' })
  @IsIn(STAFF_ROLES)
  role!: StaffRole;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'coordinator: a school; reviewer: an employer or public body; admin: none',
  })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string | null;

  @ApiPropertyOptional({ enum: ACCOUNT_LANGUAGES })
  @IsOptional()
  @IsIn(ACCOUNT_LANGUAGES)
  language?: AccountLanguage;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @NoCprNumber()
  displayName?: string;

  @ApiPropertyOptional({ enum: STAFF_ROLES })
  @IsOptional()
  @IsIn(STAFF_ROLES)
  role?: StaffRole;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'null for admins' })
  @ValidateIf((_object, value) => value !== null && value !== undefined)
  @IsUUID('all')
  organisationId?: string | null;

  @ApiPropertyOptional({ enum: ACCOUNT_LANGUAGES })
  @IsOptional()
  @IsIn(ACCOUNT_LANGUAGES)
  language?: AccountLanguage;
}

export class UserListQuery extends ExportPageQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string;

  @ApiPropertyOptional({ description: 'Part of the e-mail or name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
