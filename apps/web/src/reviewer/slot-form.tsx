import { FormEvent, useState } from 'react';
import { api, read } from '../api/client';
import { FOCUS_AREAS, type FocusArea, type Language, type Slot } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage } from '../ui/messages';
import { ProgrammePicker } from './programme-picker';

const splitList = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Create a slot, or change one, with the programmes whose students may take it. */
export function SlotForm({
  slot,
  onSaved,
  onCancel,
}: {
  slot?: Slot;
  onSaved(slot: Slot): void;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const [title, setTitle] = useState(slot?.title ?? '');
  const [description, setDescription] = useState(slot?.description ?? '');
  const [focusArea, setFocusArea] = useState<FocusArea>(slot?.focusArea ?? 'biotech-production');
  const [startsOn, setStartsOn] = useState(slot?.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(slot?.endsOn ?? '');
  const [capacity, setCapacity] = useState(String(slot?.capacity ?? 1));
  const [site, setSite] = useState(slot?.site ?? '');
  const [contactName, setContactName] = useState(slot?.contact.name ?? '');
  const [contactEmail, setContactEmail] = useState(slot?.contact.email ?? '');
  const [contactPhone, setContactPhone] = useState(slot?.contact.phone ?? '');
  const [language, setLanguage] = useState<Language | ''>(slot?.language ?? '');
  const [minAge, setMinAge] = useState(slot?.minAge ? String(slot.minAge) : '');
  const [skills, setSkills] = useState(slot?.skills.join(', ') ?? '');
  const [programmeIds, setProgrammeIds] = useState(slot?.programmes.map((p) => p.id) ?? []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const body = {
      title: title.trim(),
      description,
      focusArea,
      startsOn,
      endsOn,
      capacity: Number(capacity),
      site,
      contactName: contactName.trim(),
      contactEmail: contactEmail.trim(),
      contactPhone: contactPhone.trim(),
      language: language || null,
      // The document types minAge loosely (an object); the api takes a number or null.
      minAge: (minAge ? Number(minAge) : null) as unknown as Record<string, never>,
      skills: splitList(skills),
      // Empty opens the slot to every programme; on a change it replaces the slot's list.
      programmeIds,
    };
    try {
      const saved = slot
        ? await read<Slot>(
            api.PATCH('/api/slots/{id}', { params: { path: { id: slot.id } }, body }),
          )
        : await read<Slot>(
            // The document shows the admin's body; a reviewer's slot is their own organisation's.
            api.POST('/api/slots', { body: body as typeof body & { organisationId: string } }),
          );
      onSaved(saved);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card slot-form" onSubmit={submit}>
      <h2>{slot ? t('slotForm.edit', { title: slot.title }) : t('slotForm.create')}</h2>
      <label>
        {t('slotForm.title')}
        <input required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        {t('slot.focusArea')}
        <select value={focusArea} onChange={(e) => setFocusArea(e.target.value as FocusArea)}>
          {FOCUS_AREAS.map((area) => (
            <option key={area} value={area}>
              {t(`focus.${area}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="row">
        <label>
          {t('slotForm.startsOn')}
          <input
            type="date"
            required
            value={startsOn}
            onChange={(e) => setStartsOn(e.target.value)}
          />
        </label>
        <label>
          {t('slotForm.endsOn')}
          <input type="date" required value={endsOn} onChange={(e) => setEndsOn(e.target.value)} />
        </label>
      </div>
      <div className="row">
        <label>
          {t('slot.capacity')}
          <input
            type="number"
            min={1}
            max={1000}
            required
            value={capacity}
            onChange={(e) => setCapacity(e.target.value)}
          />
        </label>
        <label>
          {t('slot.minAge')}
          <input
            type="number"
            min={14}
            max={30}
            value={minAge}
            onChange={(e) => setMinAge(e.target.value)}
          />
        </label>
      </div>
      <label>
        {t('slot.language')}
        <select value={language} onChange={(e) => setLanguage(e.target.value as Language | '')}>
          <option value="">{t('slot.anyLanguage')}</option>
          {(['da', 'en', 'de'] as const).map((l) => (
            <option key={l} value={l}>
              {t(`language.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <ProgrammePicker value={programmeIds} onChange={setProgrammeIds} />
      <label>
        {t('slot.site')}
        <input maxLength={200} value={site} onChange={(e) => setSite(e.target.value)} />
      </label>
      <label>
        {t('slot.contactName')}
        <input
          maxLength={200}
          value={contactName}
          autoComplete="off"
          onChange={(e) => setContactName(e.target.value)}
        />
      </label>
      <label>
        {t('slot.contactEmail')}
        <input
          type="email"
          maxLength={254}
          value={contactEmail}
          autoComplete="off"
          onChange={(e) => setContactEmail(e.target.value)}
        />
      </label>
      <label>
        {t('slot.contactPhone')}
        <input
          type="tel"
          maxLength={40}
          value={contactPhone}
          autoComplete="off"
          onChange={(e) => setContactPhone(e.target.value)}
        />
      </label>
      <label>
        {t('slot.skills')}
        <input value={skills} onChange={(e) => setSkills(e.target.value)} />
      </label>
      <label>
        {t('slot.description')}
        <textarea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {slot ? t('common.save') : t('slotForm.submit')}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
