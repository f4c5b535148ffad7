import { KeyboardEvent, useId, useMemo, useState } from 'react';
import { api, readAll } from '../api/client';
import type { Programme } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage, Loading } from '../ui/messages';
import { useLoad } from '../ui/use-load';
import { chosenLabels, groupBySchool, toggle } from './programme-choice';

/** Above this many programmes the picker offers a search box. */
const SEARCH_FROM = 12;

export function loadProgrammes(): Promise<Programme[]> {
  return readAll<Programme>((page) =>
    api.GET('/api/programmes', { params: { query: { page, pageSize: 100 } } }),
  );
}

/**
 * The programmes whose students may take a slot: a checkbox per programme, grouped by school,
 * so it works by keyboard (Tab, Space) and reads well in a screen reader. None ticked means the
 * slot is open to every programme.
 */
export function ProgrammePicker({
  value,
  onChange,
}: {
  value: string[];
  onChange(ids: string[]): void;
}) {
  const { t } = useI18n();
  const programmes = useLoad(loadProgrammes, []);
  const [search, setSearch] = useState('');
  const summaryId = useId();
  const all = programmes.data ?? [];
  const groups = useMemo(() => groupBySchool(all, search), [all, search]);
  const chosen = chosenLabels(all, value);

  // Enter in the search box narrows the list; it must not submit the slot form around it.
  const keepForm = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') event.preventDefault();
  };

  return (
    <fieldset className="programme-picker" aria-describedby={summaryId}>
      <legend>{t('slotForm.programmes')}</legend>
      <p id={summaryId} className="muted small" aria-live="polite">
        {chosen.length > 0
          ? t('slotForm.programmesChosen', { count: chosen.length, list: chosen.join(', ') })
          : t('slotForm.programmesNone')}
      </p>
      <ErrorMessage error={programmes.error} />
      {programmes.loading && !programmes.data && <Loading />}
      {all.length > SEARCH_FROM && (
        <label>
          {t('slotForm.programmeSearch')}
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={keepForm}
          />
        </label>
      )}
      {programmes.data && groups.length === 0 && (
        <p className="muted">{t('slotForm.programmesNoMatch')}</p>
      )}
      <div className="programme-groups">
        {groups.map((group) => (
          <fieldset key={group.school.id}>
            <legend>{group.school.name}</legend>
            {group.programmes.map((programme) => (
              <label key={programme.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={value.includes(programme.id)}
                  onChange={(e) => onChange(toggle(value, programme.id, e.target.checked))}
                />
                {programme.name}
              </label>
            ))}
          </fieldset>
        ))}
      </div>
      {value.length > 0 && (
        <button type="button" className="secondary" onClick={() => onChange([])}>
          {t('slotForm.programmesClear')}
        </button>
      )}
    </fieldset>
  );
}
