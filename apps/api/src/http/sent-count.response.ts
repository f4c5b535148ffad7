import { ApiProperty } from '@nestjs/swagger';

/** How many people a message went to (0 when everyone had one already). */
export class SentCount {
  @ApiProperty({ minimum: 0 })
  sent!: number;
}

/** A bulk message: how many it went to, and how many had one within its quiet time. */
export class BulkSentCount extends SentCount {
  @ApiProperty({ minimum: 0, description: 'Left out: they had the message within its quiet time' })
  skipped!: number;
}
