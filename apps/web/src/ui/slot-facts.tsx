import type { Slot } from '../api/types';
import { useI18n } from '../i18n/i18n';

/** The facts of a slot a student or reviewer decides by, as a definition list. */
export function SlotFacts({ slot }: { slot: Slot }) {
  const { t, period } = useI18n();
  return (
    <dl className="facts">
      <div>
        <dt>{t('slot.focusArea')}</dt>
        <dd>{t(`focus.${slot.focusArea}`)}</dd>
      </div>
      <div>
        <dt>{t('slot.period')}</dt>
        <dd>{period(slot.startsOn, slot.endsOn)}</dd>
      </div>
      <div>
        <dt>{t('slot.capacity')}</dt>
        <dd>{slot.capacity}</dd>
      </div>
      {slot.site && (
        <div>
          <dt>{t('slot.site')}</dt>
          <dd>{slot.site}</dd>
        </div>
      )}
      <div>
        <dt>{t('slot.language')}</dt>
        <dd>{slot.language ? t(`language.${slot.language}`) : t('slot.anyLanguage')}</dd>
      </div>
      {slot.minAge !== null && (
        <div>
          <dt>{t('slot.minAge')}</dt>
          <dd>{t('slot.years', { age: slot.minAge })}</dd>
        </div>
      )}
      <div>
        <dt>{t('slot.programmes')}</dt>
        <dd>
          {slot.programmes.length
            ? slot.programmes.map((p) => p.name).join(', ')
            : t('slot.allProgrammes')}
        </dd>
      </div>
      {slot.skills.length > 0 && (
        <div>
          <dt>{t('slot.skills')}</dt>
          <dd>{slot.skills.join(', ')}</dd>
        </div>
      )}
      {slot.description && (
        <div className="wide">
          <dt>{t('slot.description')}</dt>
          <dd>{slot.description}</dd>
        </div>
      )}
    </dl>
  );
}
