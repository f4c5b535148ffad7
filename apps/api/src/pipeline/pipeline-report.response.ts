import {
  PIPELINE_COUNTS,
  PipelineCount,
  PipelineFigures,
  PipelineGrouping,
  PIPELINE_GROUPINGS,
  PipelineReport,
  PipelineRow,
} from '@app/pipeline';
import { ApiProperty } from '@nestjs/swagger';
import { NamedRef } from '../http/named-ref.response';

const count = (description: string) =>
  ApiProperty({ type: Number, nullable: true, description: `${description}; null when 1 to 4` });
const share = (description: string) =>
  ApiProperty({
    type: Number,
    nullable: true,
    description: `${description}, 0 to 1; null when a count it is made of is withheld`,
  });

export class PipelineFiguresResponse implements PipelineFigures {
  @count('Students of the cohort (expected to complete in the year)')
  registered!: number | null;
  @count('Ranked slots in a round')
  ranked!: number | null;
  @count('Got a slot in a matching')
  matched!: number | null;
  @count('Accepted an offer (accepted or confirmed)')
  accepted!: number | null;
  @count('Completed the placement, as the host recorded')
  completed!: number | null;
  @count('Got a job offer from the host')
  jobOffered!: number | null;
  @count('Hired by an alliance member: accepted the host’s offer, or a follow-up says so')
  hired!: number | null;
  @count('Whose outcome is known (a host’s record or a follow-up answer)')
  hiredKnown!: number | null;
  @count('Working in Kalundborg Kommune 12 months after completion')
  working12!: number | null;
  @count('Who answered the 12-month follow-up')
  known12!: number | null;
  @count('Working in Kalundborg Kommune 24 months after completion')
  working24!: number | null;
  @count('Who answered the 24-month follow-up')
  known24!: number | null;
  @count('Interns whose host recorded an outcome')
  outcomesKnown!: number | null;
  @count('Of those, interns who got and accepted a job offer')
  offersAccepted!: number | null;
  @share('hiredKnown / registered: the knowledge rate beside hired')
  hiredKnowledgeRate!: number | null;
  @share('known12 / registered: the knowledge rate beside working12')
  knowledgeRate12!: number | null;
  @share('known24 / registered: the knowledge rate beside working24')
  knowledgeRate24!: number | null;
  @share('offersAccepted / outcomesKnown: intern-to-hire conversion')
  conversion!: number | null;
}

export class PipelineGroupRef extends NamedRef {
  @ApiProperty({ type: NamedRef, nullable: true, description: 'A programme’s school' })
  school!: NamedRef | null;
}

export class PipelineRowResponse extends PipelineFiguresResponse implements PipelineRow {
  @ApiProperty({ type: PipelineGroupRef, description: 'The school, programme or employer' })
  group!: PipelineGroupRef;
}

export class PipelineSuppressedResponse {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null: the totals' })
  groupId!: string | null;

  @ApiProperty({ enum: PIPELINE_COUNTS })
  field!: PipelineCount;
}

export class ConversionBenchmarkResponse {
  @ApiProperty()
  source!: string;
  @ApiProperty()
  measure!: string;
  @ApiProperty({ example: 0.55 })
  share!: number;
}

export class PipelineReportResponse implements Omit<PipelineReport, 'benchmarks'> {
  @ApiProperty({ example: 2026, description: 'The year of expected completion' })
  cohort!: number;

  @ApiProperty({ enum: PIPELINE_GROUPINGS })
  groupBy!: PipelineGrouping;

  @ApiProperty({ enum: ['alliance', 'school', 'organisation'] })
  scope!: 'alliance' | 'school' | 'organisation';

  @ApiProperty({ type: [PipelineRowResponse] })
  items!: PipelineRowResponse[];

  @ApiProperty({
    type: PipelineFiguresResponse,
    description: 'Each student once; withheld where a withheld cell could be worked out from it',
  })
  totals!: PipelineFiguresResponse;

  @ApiProperty({ type: [PipelineSuppressedResponse], description: 'Every count withheld' })
  suppressed!: PipelineSuppressedResponse[];

  @ApiProperty({ type: [ConversionBenchmarkResponse] })
  benchmarks!: ConversionBenchmarkResponse[];
}
