import { ApiProperty } from '@nestjs/swagger';

/** Another object named by id and name: a school, a host, a programme. */
export class NamedRef {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;
}
