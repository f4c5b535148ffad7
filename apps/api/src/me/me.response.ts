import { TODO_KINDS, TodoKind } from '@app/rounds';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UserResponse } from '../auth/user.response';
import { NamedRef } from '../http/named-ref.response';
import { OrganisationRef } from '../organisations/organisation.response';
import { StudentResponse } from '../students/student.response';

/** The signed-in user: their account, organisation and, for students, their profile. */
export class MeResponse extends UserResponse {
  @ApiProperty({ type: OrganisationRef, nullable: true })
  organisation!: OrganisationRef | null;

  @ApiPropertyOptional({ type: StudentResponse, description: 'Students only' })
  student?: StudentResponse;
}

/** One piece of work waiting for the signed-in user, for their start page. */
export class TodoResponse {
  @ApiProperty({ enum: TODO_KINDS })
  kind!: TodoKind;

  @ApiProperty({
    description: 'How many: students, slots, interns, notifications, offers or 1 round',
  })
  count!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Do it before' })
  dueAt!: Date | null;

  @ApiProperty({ type: NamedRef, nullable: true, description: 'The round it concerns, if one' })
  round!: NamedRef | null;

  @ApiProperty({ example: '/students', description: 'The screen of the web app to do it on' })
  link!: string;
}

export class TodoList {
  @ApiProperty({ type: [TodoResponse] })
  items!: TodoResponse[];
}
