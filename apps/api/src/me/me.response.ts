import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UserResponse } from '../auth/user.response';
import { OrganisationRef } from '../organisations/organisation.response';
import { StudentResponse } from '../students/student.response';

/** The signed-in user: their account, organisation and, for students, their profile. */
export class MeResponse extends UserResponse {
  @ApiProperty({ type: OrganisationRef, nullable: true })
  organisation!: OrganisationRef | null;

  @ApiPropertyOptional({ type: StudentResponse, description: 'Students only' })
  student?: StudentResponse;
}
