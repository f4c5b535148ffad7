import { JOB_OFFERS, JobOffer, OutcomeListItem, OutcomeView } from '@app/pipeline';
import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../http/page-response';

export class RecordedOutcome {
  @ApiProperty()
  completed!: boolean;

  @ApiProperty({ enum: JOB_OFFERS })
  jobOffer!: JobOffer;

  @ApiProperty()
  recordedAt!: Date;
}

export class OutcomeContest {
  @ApiProperty()
  reason!: string;

  @ApiProperty()
  contestedAt!: Date;
}

export class OutcomeResponse implements OutcomeView {
  @ApiProperty({ format: 'uuid' })
  placementId!: string;

  @ApiProperty({ description: "The slot's last day has passed: the host may record the outcome" })
  periodEnded!: boolean;

  @ApiProperty({ type: RecordedOutcome, nullable: true, description: 'Null until recorded' })
  outcome!: RecordedOutcome | null;

  @ApiProperty({ type: OutcomeContest, nullable: true, description: "The student's objection" })
  contest!: OutcomeContest | null;
}

class OutcomeStudent {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  fullName!: string;
}

class OutcomeSlot {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ format: 'date', description: "The period's last day" })
  endsOn!: string;
}

class OutcomeOrganisation {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;
}

export class OutcomeListItemResponse extends OutcomeResponse implements OutcomeListItem {
  @ApiProperty({ type: OutcomeStudent })
  student!: OutcomeStudent;

  @ApiProperty({ type: OutcomeSlot })
  slot!: OutcomeSlot;

  @ApiProperty({ type: OutcomeOrganisation, description: 'The host' })
  host!: OutcomeOrganisation;

  @ApiProperty({ type: OutcomeOrganisation, description: "The student's school" })
  school!: OutcomeOrganisation;
}

export const OutcomeListResponse = PageOf(OutcomeListItemResponse, 'OutcomeListResponse');
