import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** Runs in the transaction that opened the slots (posted open, reopened, imported). */
export type SlotsOpenedHook = (db: EntityManager, slotIds: readonly string[]) => Promise<void>;

/**
 * What else must happen when slots open, written by the lib that owns it: rounds adds a slot to
 * a round whose preference window is open (`round_slots`). Rounds sits above slots, so it
 * registers its hook here when its module starts.
 */
@Injectable()
export class SlotsOpenedHooks {
  private readonly hooks: SlotsOpenedHook[] = [];

  register(hook: SlotsOpenedHook): void {
    this.hooks.push(hook);
  }

  /** An app that posts slots without the rounds lib would leave them out of open rounds. */
  verify(): void {
    if (this.hooks.length === 0) {
      throw new Error('No hook for opened slots: the app must import RoundsModule');
    }
  }

  async run(db: EntityManager, slotIds: readonly string[]): Promise<void> {
    if (slotIds.length === 0) return;
    for (const hook of this.hooks) await hook(db, slotIds);
  }
}
