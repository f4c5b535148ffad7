import { ProgrammeView } from '@app/organisations';
import { PROGRAMME_LEVELS, ProgrammeLevel } from '@app/database';
import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../http/page-response';
import { NamedRef } from '../http/named-ref.response';

export class ProgrammeResponse implements ProgrammeView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'laborant' })
  code!: string;

  @ApiProperty({ example: 'Laborant' })
  name!: string;

  @ApiProperty({ enum: PROGRAMME_LEVELS })
  level!: ProgrammeLevel;

  @ApiProperty({ type: NamedRef, description: 'The school that offers the programme' })
  school!: NamedRef;
}

export const ProgrammePage = PageOf(ProgrammeResponse, 'ProgrammePage');
