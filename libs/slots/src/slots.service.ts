import { AuthUser } from '@app/accounts';
import { ForbiddenError, InvalidInputError, InvalidRowsError, NotFoundError } from '@app/errors';
import { listCell, mapRows, readCsvTable, RowReport, validateRow } from '@app/imports';
import { FocusArea, focusAreaOf, readProgrammeCells } from '@app/organisations';
import { HOST_KINDS, Organisation, Slot, SlotProgramme, SlotStatus } from '@app/database';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { CreateSlotDto, UpdateSlotDto } from './dto/slot.dto';
import { checkEligibility } from './eligibility';
import { SlotsOpenedHooks } from './slots-opened-hooks';
import { OpenSlotsCatalogue, withEligibility } from './open-slots.catalogue';
import { toSlotView, SlotView } from './slot-view';
import {
  NotAHostError,
  SlotAgeTermsFixedError,
  SlotPeriodError,
  UnknownProgrammesError,
} from './slots.errors';

export interface SlotFilter {
  focusArea?: FocusArea;
  organisationId?: string;
  status?: SlotStatus;
  /** Students only: list every open slot, each marked eligible or not, with the reasons. */
  includeIneligible?: boolean;
  page: number;
  pageSize: number;
}

export type NewSlot = CreateSlotDto & { organisationId?: string };

export const SLOT_CSV_COLUMNS = {
  required: ['title', 'focusArea', 'startsOn', 'endsOn', 'capacity'],
  optional: [
    'description',
    'programmes',
    'skills',
    'language',
    'minAge',
    'site',
    'contactName',
    'contactEmail',
    'contactPhone',
  ],
} as const;

@Injectable()
export class SlotsService implements OnApplicationBootstrap {
  constructor(
    private readonly db: DataSource,
    private readonly catalogue: OpenSlotsCatalogue,
    private readonly opened: SlotsOpenedHooks,
  ) {}

  /** After every module's init, when rounds has registered what an opened slot joins. */
  onApplicationBootstrap(): void {
    this.opened.verify();
  }

  async list(caller: AuthUser, filter: SlotFilter): Promise<{ items: SlotView[]; total: number }> {
    if (caller.role === 'student') return this.listForStudent(caller, filter);
    const query = this.db.getRepository(Slot).createQueryBuilder('s');
    if (!this.scopeList(query, caller, filter.status)) return { items: [], total: 0 };
    if (filter.focusArea) query.andWhere('s.focus_area = :focusArea', filter);
    if (filter.organisationId) query.andWhere('s.organisation_id = :organisationId', filter);
    const [slots, total] = await query
      .orderBy('s.startsOn')
      .addOrderBy('s.title')
      .addOrderBy('s.id')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    return { items: await this.views(this.db.manager, slots), total };
  }

  async get(caller: AuthUser, id: string): Promise<SlotView> {
    const slot = await this.db.getRepository(Slot).findOneBy({ id });
    if (!slot || !this.maySee(caller, slot)) throw new NotFoundError('Slot', id);
    const [view] = await this.views(this.db.manager, [slot]);
    if (caller.role !== 'student') return view;
    const { profile } = await this.catalogue.forStudent(caller.studentId);
    const programmeIds = view.programmes.map((p) => p.id);
    return withEligibility(view, checkEligibility(profile, { ...slot, programmeIds }));
  }

  create(caller: AuthUser, input: NewSlot): Promise<SlotView> {
    const hostId = this.hostIdFor(caller, input.organisationId);
    return this.db.transaction(async (manager) => {
      const host = await this.findHost(manager, hostId);
      await this.checkProgrammes(manager, input.programmeIds ?? []);
      const slot = await this.insertSlot(manager, host, input);
      await this.opened.run(manager, [slot.id]);
      const [view] = await this.views(manager, [slot]);
      return view;
    });
  }

  update(caller: AuthUser, id: string, input: UpdateSlotDto): Promise<SlotView> {
    return this.db.transaction(async (manager) => {
      const slot = await this.findManageable(manager, caller, id);
      const { programmeIds, ...fields } = input;
      const wasClosed = slot.status === 'closed';
      await this.checkAgeTermsMayChange(manager, slot, fields);
      Object.assign(slot, definedOnly(fields));
      if (slot.endsOn <= slot.startsOn) throw new SlotPeriodError();
      if (programmeIds) {
        await this.checkProgrammes(manager, programmeIds);
        await manager.delete(SlotProgramme, { slotId: slot.id });
        await this.insertProgrammes(manager, slot.id, programmeIds);
      }
      const reopened = slot.status === 'open' && wasClosed;
      slot.updatedAt = new Date();
      await manager.save(slot);
      if (reopened) await this.opened.run(manager, [slot.id]);
      const [view] = await this.views(manager, [slot]);
      return view;
    });
  }

  /** Closing keeps the slot and its history; it only stops new preferences and matches. */
  close(caller: AuthUser, id: string): Promise<SlotView> {
    return this.update(caller, id, { status: 'closed' });
  }

  /** All rows or none: any invalid row stops the whole file, with every problem reported. */
  async importCsv(
    caller: AuthUser,
    bytes: Buffer,
    organisationId?: string,
  ): Promise<{ created: SlotView[] }> {
    const hostId = this.hostIdFor(caller, organisationId);
    const host = await this.findHost(this.db.manager, hostId);
    const records = await readCsvTable(bytes, SLOT_CSV_COLUMNS);
    const programmeIdOf = await readProgrammeCells(this.db);
    const report = new RowReport();
    const inputs = await mapRows(records, ({ row, values }) => {
      const programmeIds = listCell(values.programmes ?? '').map((code) => {
        const id = programmeIdOf(code);
        if (!id) {
          report.add(row, 'programmes', {
            code: 'import.unknown_value',
            message: `unknown or ambiguous programme '${code}'`,
            params: { value: code },
          });
        }
        return id ?? '';
      });
      const plain = slotFromCsv(values, programmeIds.filter(Boolean));
      return validateRow(CreateSlotDto, plain, row, report, { programmeIds: 'programmes' });
    });
    if (!report.ok) throw new InvalidRowsError(report.errors, report.invalidRows);
    return this.db.transaction(async (manager) => {
      const slots: Slot[] = [];
      for (const input of inputs as CreateSlotDto[]) {
        slots.push(await this.insertSlot(manager, host, input));
      }
      await this.opened.run(
        manager,
        slots.map((slot) => slot.id),
      );
      return { created: await this.views(manager, slots) };
    });
  }

  private scopeList(query: SelectQueryBuilder<Slot>, caller: AuthUser, status?: SlotStatus) {
    switch (caller.role) {
      case 'reviewer':
        query.where('s.organisation_id = :own', { own: caller.organisationId });
        if (status) query.andWhere('s.status = :status', { status });
        return true;
      case 'admin':
        query.where('s.status = :status', { status: status ?? 'open' });
        return true;
      default:
        // Coordinators (and students) only ever see open slots.
        query.where(`s.status = 'open'`);
        return !status || status === 'open';
    }
  }

  /**
   * One statement per request: the student's profile and the catalogue version; the open slots
   * themselves come from the in-memory catalogue, reloaded only when a slot changed.
   */
  private async listForStudent(caller: AuthUser, filter: SlotFilter) {
    if (filter.status && filter.status !== 'open') return { items: [], total: 0 };
    const { profile, snapshot } = await this.catalogue.forStudent(caller.studentId);
    const listed = snapshot.listFor(profile, filter);
    const page = listed.slice((filter.page - 1) * filter.pageSize, filter.page * filter.pageSize);
    return { items: page, total: listed.length };
  }

  private maySee(caller: AuthUser, slot: Slot): boolean {
    if (caller.role === 'admin') return true;
    if (caller.role === 'reviewer') return slot.organisationId === caller.organisationId;
    return slot.status === 'open';
  }

  private hostIdFor(caller: AuthUser, organisationId: string | undefined): string {
    if (caller.role === 'reviewer' && caller.organisationId) {
      if (organisationId && organisationId !== caller.organisationId) {
        throw new InvalidInputError(
          'organisationId: reviewers manage their own organisation only',
          {
            code: 'slot.organisation_not_own',
            field: 'organisationId',
          },
        );
      }
      return caller.organisationId;
    }
    if (caller.role === 'admin' && organisationId) return organisationId;
    if (caller.role === 'admin') throw new NotAHostError();
    throw new ForbiddenError('Only reviewers and admins manage slots', {
      code: 'auth.role_forbidden',
    });
  }

  private async findHost(manager: EntityManager, id: string): Promise<Organisation> {
    const host = await manager.findOneBy(Organisation, { id });
    if (!host || !HOST_KINDS.includes(host.kind)) throw new NotAHostError();
    return host;
  }

  private async findManageable(manager: EntityManager, caller: AuthUser, id: string) {
    const slot = await manager.findOne(Slot, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    const mayManage =
      caller.role === 'admin' ||
      (caller.role === 'reviewer' && slot?.organisationId === caller.organisationId);
    if (!slot || !mayManage) throw new NotFoundError('Slot', id);
    return slot;
  }

  /**
   * A slot's minimum age and first day are fixed from the opening of a round that holds it until
   * that round has made its offers: students ranked it on them, the engine and the offer's
   * guardian-consent rule use them, and reviewers see applicants' age checks against them. (A
   * trigger refuses the change too.)
   */
  private async checkAgeTermsMayChange(
    manager: EntityManager,
    slot: Slot,
    fields: Partial<Pick<Slot, 'minAge' | 'startsOn'>>,
  ): Promise<void> {
    const changes =
      (fields.minAge !== undefined && fields.minAge !== slot.minAge) ||
      (fields.startsOn !== undefined && fields.startsOn !== slot.startsOn);
    if (!changes) return;
    const [round] = await manager.query<{ id: string }[]>(
      `SELECT r.id FROM round_slots rs JOIN rounds r ON r.id = rs.round_id
        WHERE rs.slot_id = $1 AND r.status IN ('open', 'closed', 'matching', 'matched') LIMIT 1`,
      [slot.id],
    );
    if (round) throw new SlotAgeTermsFixedError(round.id);
  }

  private async checkProgrammes(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const found: { id: string }[] = await manager.query(
      `SELECT id FROM programmes WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const known = new Set(found.map((row) => row.id));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new UnknownProgrammesError(unknown);
  }

  private async insertSlot(manager: EntityManager, host: Organisation, input: CreateSlotDto) {
    const slot = manager.create(Slot, {
      organisationId: host.id,
      organisationKind: host.kind as Slot['organisationKind'],
      title: input.title,
      description: input.description ?? '',
      focusArea: input.focusArea,
      skills: input.skills ?? [],
      language: input.language ?? null,
      minAge: input.minAge ?? null,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      capacity: input.capacity,
      site: input.site ?? '',
      contactName: input.contactName ?? '',
      contactEmail: input.contactEmail ?? '',
      contactPhone: input.contactPhone ?? '',
      status: 'open',
    });
    await manager.save(slot);
    await this.insertProgrammes(manager, slot.id, input.programmeIds ?? []);
    return slot;
  }

  private async insertProgrammes(manager: EntityManager, slotId: string, ids: string[]) {
    if (ids.length === 0) return;
    await manager.insert(
      SlotProgramme,
      ids.map((programmeId) => ({ slotId, programmeId })),
    );
  }

  /** Views of many slots in two more queries: their hosts and their programmes. */
  private async views(manager: EntityManager, slots: Slot[]): Promise<SlotView[]> {
    if (slots.length === 0) return [];
    const organisationIds = [...new Set(slots.map((slot) => slot.organisationId))];
    const organisations = await manager.findBy(Organisation, { id: In(organisationIds) });
    const programmeRows: { slotId: string; id: string; name: string }[] = await manager.query(
      `SELECT sp.slot_id AS "slotId", p.id, p.name
         FROM slot_programmes sp JOIN programmes p ON p.id = sp.programme_id
        WHERE sp.slot_id = ANY($1::uuid[])
        ORDER BY p.name, p.id`,
      [slots.map((slot) => slot.id)],
    );
    const nameOf = new Map(organisations.map((o) => [o.id, o.name]));
    return slots.map((slot) =>
      toSlotView(
        slot,
        { id: slot.organisationId, name: nameOf.get(slot.organisationId) ?? '' },
        programmeRows.filter((p) => p.slotId === slot.id).map(({ id, name }) => ({ id, name })),
      ),
    );
  }
}

function definedOnly<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

const numberCell = (value: string | undefined) => (value ? Number(value) : undefined);
const optionalCell = (value: string | undefined) => (value ? value : undefined);

function slotFromCsv(values: Record<string, string>, programmeIds: string[]) {
  return {
    title: values.title,
    description: optionalCell(values.description),
    focusArea: focusAreaOf(values.focusArea ?? ''),
    programmeIds,
    skills: listCell(values.skills ?? ''),
    language: optionalCell(values.language),
    minAge: numberCell(values.minAge),
    startsOn: values.startsOn,
    endsOn: values.endsOn,
    capacity: numberCell(values.capacity),
    site: optionalCell(values.site),
    contactName: optionalCell(values.contactName),
    contactEmail: optionalCell(values.contactEmail),
    contactPhone: optionalCell(values.contactPhone),
  };
}
