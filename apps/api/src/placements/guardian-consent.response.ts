import { GuardianAnswerView, GuardianOfferView } from '@app/placements';
import { ApiProperty } from '@nestjs/swagger';

class GuardianOfferStudent {
  @ApiProperty()
  fullName!: string;
}

class GuardianOfferGuardian {
  @ApiProperty({ description: 'The name the student gave' })
  name!: string;
}

class GuardianOfferHost {
  @ApiProperty()
  name!: string;
}

class GuardianOfferSlot {
  @ApiProperty()
  title!: string;

  @ApiProperty({ type: GuardianOfferHost })
  organisation!: GuardianOfferHost;

  @ApiProperty({ format: 'date' })
  startsOn!: string;

  @ApiProperty({ format: 'date' })
  endsOn!: string;
}

/** What a guardian sees behind their link. */
export class GuardianOfferResponse implements GuardianOfferView {
  @ApiProperty({ type: GuardianOfferStudent })
  student!: GuardianOfferStudent;

  @ApiProperty({ type: GuardianOfferGuardian })
  guardian!: GuardianOfferGuardian;

  @ApiProperty({ type: GuardianOfferSlot })
  slot!: GuardianOfferSlot;

  @ApiProperty({ type: String, format: 'date-time', description: 'Answer before this moment' })
  deadlineAt!: Date;
}

export class GuardianAnswerResponse implements GuardianAnswerView {
  @ApiProperty({ enum: ['confirmed', 'refused'] })
  outcome!: 'confirmed' | 'refused';

  @ApiProperty({
    enum: ['accepted', 'offered'],
    description: 'accepted after consent; offered again after a refusal',
  })
  placementStatus!: 'accepted' | 'offered';
}
