import { AccessAction, AccessLogView, ActorRole } from '@app/access-log';
import { ApiProperty } from '@nestjs/swagger';
import { NamedRef } from '../http/named-ref.response';
import { PageOf } from '../http/page-response';

const ACTOR_ROLES: readonly ActorRole[] = [
  'coordinator',
  'reviewer',
  'admin',
  'worker',
  'guardian',
];
const ACCESS_ACTIONS: readonly AccessAction[] = ['read', 'change', 'export', 'erase'];

export class AccessActorResponse {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null: the worker, or a guardian (who has no account)',
  })
  id!: string | null;

  @ApiProperty({ enum: ACTOR_ROLES })
  role!: ActorRole;

  @ApiProperty({ type: NamedRef, nullable: true })
  organisation!: NamedRef | null;
}

/** One reading or change of a student's data by someone other than the student. */
export class AccessLogEntryResponse implements AccessLogView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  at!: Date;

  @ApiProperty({ format: 'uuid' })
  studentId!: string;

  @ApiProperty({ type: AccessActorResponse })
  actor!: AccessActorResponse;

  @ApiProperty({ enum: ACCESS_ACTIONS })
  action!: AccessAction;

  @ApiProperty({ description: 'The route or job, e.g. GET /api/students/:id' })
  purpose!: string;

  @ApiProperty({ type: [String], description: 'What of the student was read or changed' })
  fields!: string[];
}

export const AccessLogPage = PageOf(AccessLogEntryResponse, 'AccessLogPage');
