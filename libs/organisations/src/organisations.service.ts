import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Organisation, OrganisationKind } from './organisation.entity';
import { Programme } from './programme.entity';

export interface OrganisationFilter {
  kind?: OrganisationKind;
  page: number;
  pageSize: number;
}

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
    @InjectRepository(Programme) private readonly programmes: Repository<Programme>,
  ) {}

  async list({ kind, page, pageSize }: OrganisationFilter) {
    const [items, total] = await this.organisations.findAndCount({
      where: kind ? { kind } : {},
      order: { name: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items, total };
  }

  findById(id: string): Promise<Organisation | null> {
    return this.organisations.findOneBy({ id });
  }

  /** Programmes of the given schools, in one query. */
  programmesOf(schoolIds: string[]): Promise<Programme[]> {
    if (schoolIds.length === 0) return Promise.resolve([]);
    return this.programmes
      .createQueryBuilder('p')
      .where('p.school_id = ANY(:schoolIds)', { schoolIds })
      .orderBy('p.name')
      .getMany();
  }
}
