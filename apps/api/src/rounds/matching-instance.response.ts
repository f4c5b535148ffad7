import { MatchingInstance, SlotPreferences, StudentPreferences } from '@app/matching';
import { InstanceLottery } from '@app/rounds';
import { ApiProperty } from '@nestjs/swagger';

export class InstanceStudentResponse implements StudentPreferences {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: [String], description: 'Slot ids, most preferred first' })
  preferences!: string[];
}

export class InstanceSlotResponse implements SlotPreferences {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ minimum: 1 })
  capacity!: number;

  @ApiProperty({
    type: [String],
    description: "Student ids in the slot's order: the host's ranking, then score and lottery",
  })
  preferences!: string[];
}

export class InstanceLotteryResponse implements InstanceLottery {
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: "SHA-256 of the seed's UTF-8 bytes" })
  seedCommitment!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Null until the run is stored' })
  seed!: string | null;
}

/** The round as the `match` command reads it (see docs/MATCHING.md), with its lottery. */
export class MatchingInstanceResponse implements MatchingInstance {
  @ApiProperty({
    type: InstanceLotteryResponse,
    description: 'Not part of the instance contract: the match command ignores it',
  })
  lottery!: InstanceLotteryResponse;

  @ApiProperty({ type: [InstanceStudentResponse] })
  students!: InstanceStudentResponse[];

  @ApiProperty({ type: [InstanceSlotResponse] })
  slots!: InstanceSlotResponse[];
}
