import { HostFigures, SlotDemand, StudentFigures } from '@app/rounds';
import { ApiProperty } from '@nestjs/swagger';

const STUDENT_GROUPS = ['school', 'programme'] as const;
const HOST_GROUPS = ['employer'] as const;

/** A school's or programme's students, by how far they got. */
export class StudentFiguresResponse implements StudentFigures {
  @ApiProperty({ format: 'uuid', description: 'The school or programme' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  students!: number;

  @ApiProperty()
  ranked!: number;

  @ApiProperty()
  matched!: number;

  @ApiProperty()
  accepted!: number;

  @ApiProperty()
  confirmed!: number;

  @ApiProperty()
  unplaced!: number;
}

/** A host's slots and seats, and the students who ranked, got and took them. */
export class HostFiguresResponse implements HostFigures {
  @ApiProperty({ format: 'uuid', description: 'The host' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  slots!: number;

  @ApiProperty()
  seatsOffered!: number;

  @ApiProperty()
  seatsFilled!: number;

  @ApiProperty()
  applicants!: number;

  @ApiProperty()
  matched!: number;

  @ApiProperty()
  accepted!: number;

  @ApiProperty()
  confirmed!: number;
}

export class StudentReportResponse {
  @ApiProperty({ enum: STUDENT_GROUPS })
  groupBy!: (typeof STUDENT_GROUPS)[number];

  @ApiProperty({ type: [StudentFiguresResponse] })
  items!: StudentFiguresResponse[];
}

export class HostReportResponse {
  @ApiProperty({ enum: HOST_GROUPS })
  groupBy!: (typeof HOST_GROUPS)[number];

  @ApiProperty({ type: [HostFiguresResponse] })
  items!: HostFiguresResponse[];
}

export class SlotDemandResponse implements SlotDemand {
  @ApiProperty({ format: 'uuid' })
  slotId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ description: 'Seats the slot brought to the round' })
  seats!: number;

  @ApiProperty({ description: 'Students who ranked it' })
  applicants!: number;

  @ApiProperty({
    type: [Number],
    description: 'How many put it at each rank: index 0 is first choice',
  })
  byRank!: number[];
}

export class DemandList {
  @ApiProperty({ type: [SlotDemandResponse] })
  items!: SlotDemandResponse[];
}
