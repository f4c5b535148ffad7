import { ConflictError, NotFoundError } from '@app/errors';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CreateOrganisationDto, UpdateOrganisationDto } from './dto/organisation.dto';
import { Organisation, OrganisationKind, Programme } from '@app/database';

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

  async create(input: CreateOrganisationDto): Promise<Organisation> {
    await this.assertUnique(input);
    return this.organisations.save(
      this.organisations.create({ ...input, description: input.description ?? '' }),
    );
  }

  async update(id: string, changes: UpdateOrganisationDto): Promise<Organisation> {
    const organisation = await this.organisations.findOneBy({ id });
    if (!organisation) throw new NotFoundError('Organisation', id);
    await this.assertUnique(changes, id);
    if (changes.kind && changes.kind !== organisation.kind && (await this.isInUse(id))) {
      throw new ConflictError(
        'kind cannot change while the organisation has users, programmes or slots',
        { code: 'organisation.in_use', field: 'kind' },
      );
    }
    Object.assign(organisation, changes, { updatedAt: new Date() });
    return this.organisations.save(organisation);
  }

  private async assertUnique(input: { name?: string; slug?: string }, exceptId?: string) {
    for (const field of ['name', 'slug'] as const) {
      const value = input[field];
      if (value === undefined) continue;
      const existing = await this.organisations.findOneBy({ [field]: value });
      if (existing && existing.id !== exceptId) {
        throw new ConflictError(`${field}: an organisation with ${field} '${value}' exists`, {
          code: 'organisation.duplicate',
          field,
          params: { value },
        });
      }
    }
  }

  /** Users, programmes and slots refer to an organisation together with its kind. */
  private async isInUse(id: string): Promise<boolean> {
    const [row]: { used: boolean }[] = await this.organisations.query(
      `SELECT EXISTS (SELECT 1 FROM users WHERE organisation_id = $1)
           OR EXISTS (SELECT 1 FROM programmes WHERE school_id = $1)
           OR EXISTS (SELECT 1 FROM slots WHERE organisation_id = $1) AS used`,
      [id],
    );
    return row.used;
  }
}
