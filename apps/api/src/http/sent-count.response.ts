import { ApiProperty } from '@nestjs/swagger';

/** How many people a message went to (0 when everyone had one already). */
export class SentCount {
  @ApiProperty({ minimum: 0 })
  sent!: number;
}
