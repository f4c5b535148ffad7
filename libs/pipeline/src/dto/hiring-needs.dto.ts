import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsUUID, Max, Min, ValidateNested } from 'class-validator';

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
/** An organisation states at most this many programme-years at once. */
export const MAX_HIRING_NEEDS = 1000;
export const MAX_HIRING_COUNT = 100_000;

/** How many people of a programme an organisation expects to hire in a year. */
export class HiringNeedDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  programmeId!: string;

  @ApiProperty({ minimum: MIN_YEAR, maximum: MAX_YEAR, example: 2027 })
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year!: number;

  @ApiProperty({ minimum: 0, maximum: MAX_HIRING_COUNT, example: 4 })
  @IsInt()
  @Min(0)
  @Max(MAX_HIRING_COUNT)
  count!: number;
}

/** The organisation's hiring needs as a whole: what is left out is no longer a need. */
export class ReplaceHiringNeedsDto {
  @ApiProperty({ type: [HiringNeedDto], maxItems: MAX_HIRING_NEEDS })
  @IsArray()
  @ArrayMaxSize(MAX_HIRING_NEEDS)
  @ValidateNested({ each: true })
  @Type(() => HiringNeedDto)
  items!: HiringNeedDto[];
}
