import { HiringNeedsView, HiringNeedView } from '@app/pipeline';
import { ApiProperty } from '@nestjs/swagger';

export class HiringNeedResponse implements HiringNeedView {
  @ApiProperty({ format: 'uuid' })
  programmeId!: string;

  @ApiProperty({ example: 'laborant' })
  programmeCode!: string;

  @ApiProperty({ example: 'Laborant' })
  programmeName!: string;

  @ApiProperty({ description: 'The school that offers the programme' })
  schoolName!: string;

  @ApiProperty({
    example: 'next',
    description: "The school's slug: `schoolSlug/programmeCode` names the programme in an import",
  })
  schoolSlug!: string;

  @ApiProperty({ example: 2027 })
  year!: number;

  @ApiProperty({ description: 'People the organisation expects to hire', example: 4 })
  count!: number;

  @ApiProperty()
  updatedAt!: Date;
}

export class HiringNeedsResponse implements HiringNeedsView {
  @ApiProperty({ format: 'uuid' })
  organisationId!: string;

  @ApiProperty({ type: [HiringNeedResponse], description: 'By year, then programme' })
  items!: HiringNeedResponse[];
}
