import {
  SchoolTransitionRow,
  SchoolTransitions,
  SupplyDemandFigures,
  SupplyDemandReport,
  SupplyDemandRow,
} from '@app/pipeline';
import { ApiProperty } from '@nestjs/swagger';
import { NamedRef } from '../http/named-ref.response';

const SUPPRESSIBLE = ['finishing', 'placed', 'gap'] as const;

export class SupplyDemandFiguresResponse implements SupplyDemandFigures {
  @ApiProperty({ description: 'Positions the employers declared (not people: never withheld)' })
  hiringNeeds!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Students expected to complete in the year; null when 1 to 4',
  })
  finishing!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Of those, students with an accepted or confirmed placement; null when 1 to 4',
  })
  placed!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'hiringNeeds − finishing (positive: a shortage); null when finishing is withheld',
  })
  gap!: number | null;
}

export class ProgrammeRef extends NamedRef {
  @ApiProperty()
  code!: string;
}

export class SupplyDemandRowResponse
  extends SupplyDemandFiguresResponse
  implements SupplyDemandRow
{
  @ApiProperty({ type: ProgrammeRef })
  programme!: ProgrammeRef;

  @ApiProperty({ type: NamedRef })
  school!: NamedRef;
}

export class SuppressedCellResponse {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null: the totals' })
  programmeId!: string | null;

  @ApiProperty({ enum: SUPPRESSIBLE })
  field!: (typeof SUPPRESSIBLE)[number];
}

export class SupplyDemandResponse implements SupplyDemandReport {
  @ApiProperty({ example: 2027 })
  year!: number;

  @ApiProperty({ enum: ['alliance', 'school', 'organisation'] })
  scope!: 'alliance' | 'school' | 'organisation';

  @ApiProperty({ type: [SupplyDemandRowResponse] })
  items!: SupplyDemandRowResponse[];

  @ApiProperty({
    type: SupplyDemandFiguresResponse,
    description: 'Withheld where a withheld cell could be worked out from it',
  })
  totals!: SupplyDemandFiguresResponse;

  @ApiProperty({ type: [SuppressedCellResponse], description: 'Every figure withheld' })
  suppressed!: SuppressedCellResponse[];
}

class SchoolRef extends NamedRef {
  @ApiProperty({ example: 'school' })
  kind!: string;
}

export class SchoolTransitionRowResponse implements SchoolTransitionRow {
  @ApiProperty({ type: SchoolRef, description: 'The school left' })
  from!: SchoolRef;

  @ApiProperty({ type: SchoolRef, description: 'The school joined' })
  to!: SchoolRef;

  @ApiProperty({ type: Number, nullable: true, description: 'People; null when 1 to 4' })
  count!: number | null;
}

class SuppressedTransition {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null: the total' })
  fromId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  toId!: string | null;
}

export class SchoolTransitionsResponse implements SchoolTransitions {
  @ApiProperty({ example: 2026 })
  year!: number;

  @ApiProperty({ type: [SchoolTransitionRowResponse] })
  rows!: SchoolTransitionRowResponse[];

  @ApiProperty({ type: Number, nullable: true })
  total!: number | null;

  @ApiProperty({ type: [SuppressedTransition] })
  suppressed!: SuppressedTransition[];
}
