import { MatchingInstance, SlotPreferences, StudentPreferences } from '@app/matching';
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

/** The round as the `match` command reads it (see docs/MATCHING.md). */
export class MatchingInstanceResponse implements MatchingInstance {
  @ApiProperty({ type: [InstanceStudentResponse] })
  students!: InstanceStudentResponse[];

  @ApiProperty({ type: [InstanceSlotResponse] })
  slots!: InstanceSlotResponse[];
}
