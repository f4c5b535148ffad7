import { EnrolmentRequestView, EnrolmentView, MyEnrolments } from '@app/students';
import { ApiProperty } from '@nestjs/swagger';
import { NamedRef } from '../http/named-ref.response';

export class EnrolmentResponse implements EnrolmentView {
  @ApiProperty({ format: 'uuid', description: "The enrolment's student profile" })
  studentId!: string;

  @ApiProperty({ type: NamedRef })
  school!: NamedRef;

  @ApiProperty({ type: NamedRef })
  programme!: NamedRef;

  @ApiProperty()
  since!: Date;

  @ApiProperty({ type: Date, nullable: true, description: 'Null for the current enrolment' })
  leftAt!: Date | null;

  @ApiProperty({ type: String, nullable: true, example: '2027-06' })
  expectedCompletion!: string | null;
}

export class EnrolmentRequestResponse implements EnrolmentRequestView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: NamedRef })
  school!: NamedRef;

  @ApiProperty({ type: NamedRef })
  programme!: NamedRef;

  @ApiProperty({ type: String, nullable: true, example: '2029-06' })
  expectedCompletion!: string | null;

  @ApiProperty()
  requestedAt!: Date;
}

export class MyEnrolmentsResponse implements MyEnrolments {
  @ApiProperty({ type: [EnrolmentResponse], description: 'The current enrolment first' })
  enrolments!: EnrolmentResponse[];

  @ApiProperty({ type: [EnrolmentRequestResponse], description: 'Waiting for my answer' })
  requests!: EnrolmentRequestResponse[];
}

export class EnrolmentMoveResponse {
  @ApiProperty({ description: 'A new access token for the account at its new school' })
  accessToken!: string;
}
