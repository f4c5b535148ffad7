import { useState } from 'react';
import { api, read, readAll } from '../api/client';
import type { Slot } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { CsvImport } from '../ui/csv-import';
import { DownloadButtons } from '../ui/download-buttons';
import { ErrorMessage, Loading, Notice } from '../ui/messages';
import { Page, Section } from '../ui/page';
import { SlotFacts } from '../ui/slot-facts';
import { useLoad } from '../ui/use-load';
import { SlotForm } from './slot-form';
import { TodoPanel } from '../app/todo-panel';

export function loadOwnSlots(): Promise<Slot[]> {
  return readAll<Slot>((page) =>
    api.GET('/api/slots', { params: { query: { page, pageSize: 100 } } }),
  );
}

export function ReviewerSlotsPage() {
  const { t } = useI18n();
  const slots = useLoad(loadOwnSlots, []);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [closing, setClosing] = useState<Slot | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState('');

  const replace = (slot: Slot) => {
    const list = slots.data ?? [];
    slots.set(
      list.some((s) => s.id === slot.id)
        ? list.map((s) => (s.id === slot.id ? slot : s))
        : [slot, ...list],
    );
  };

  const close = async (slot: Slot) => {
    setBusy(true);
    setError(undefined);
    try {
      replace(
        await read<Slot>(api.DELETE('/api/slots/{id}', { params: { path: { id: slot.id } } })),
      );
      setNotice(t('mySlots.closed', { title: slot.title }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
      setClosing(null);
    }
  };

  return (
    <Page title={t('mySlots.title')} intro={t('mySlots.intro')}>
      <TodoPanel />
      <div className="actions">
        <button
          type="button"
          className="primary"
          onClick={() => setEditing('new')}
          disabled={editing === 'new'}
        >
          {t('slotForm.create')}
        </button>
      </div>
      {editing === 'new' && (
        <SlotForm
          onSaved={(slot) => {
            replace(slot);
            setEditing(null);
            setNotice(t('mySlots.created', { title: slot.title }));
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <DownloadButtons
        disabled={!slots.data}
        load={(format) => api.GET('/api/slots', { params: { query: { format } }, parseAs: 'blob' })}
      />
      {notice && <Notice>{notice}</Notice>}
      <ErrorMessage error={slots.error ?? error} />
      {slots.loading && !slots.data && <Loading />}
      {slots.data && slots.data.length === 0 && <p>{t('mySlots.none')}</p>}
      <ul className="cards">
        {slots.data?.map((slot) =>
          editing === slot.id ? (
            <li key={slot.id}>
              <SlotForm
                slot={slot}
                onSaved={(saved) => {
                  replace(saved);
                  setEditing(null);
                  setNotice(t('mySlots.saved', { title: saved.title }));
                }}
                onCancel={() => setEditing(null)}
              />
            </li>
          ) : (
            <li key={slot.id} className={`card slot ${slot.status}`}>
              <h2>
                {slot.title}{' '}
                <span className={`badge slot-${slot.status}`}>
                  {t(`slotStatus.${slot.status}`)}
                </span>
              </h2>
              <SlotFacts slot={slot} />
              {slot.status === 'open' && (
                <div className="actions">
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => setEditing(slot.id)}
                    aria-label={t('mySlots.editNamed', { title: slot.title })}
                  >
                    {t('common.edit')}
                  </button>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => setClosing(slot)}
                    aria-label={t('mySlots.closeNamed', { title: slot.title })}
                  >
                    {t('mySlots.close')}
                  </button>
                </div>
              )}
            </li>
          ),
        )}
      </ul>
      <Section title={t('mySlots.import')}>
        <CsvImport<Slot>
          target="/api/slots/import"
          columns="title,focusArea,startsOn,endsOn,capacity,description,programmes,skills,language,minAge,site,contactName,contactEmail,contactPhone"
          example="Laborant i QC,biotech-production,2027-02-01,2027-04-30,2,,Laborant,HPLC;GMP,da,18,Kalundborg"
          onImported={(created) => slots.set([...created, ...(slots.data ?? [])])}
        />
      </Section>
      <ConfirmDialog
        open={closing !== null}
        title={t('mySlots.closeTitle')}
        confirmLabel={t('mySlots.close')}
        danger
        confirmDisabled={busy}
        onCancel={() => setClosing(null)}
        onConfirm={() => closing && void close(closing)}
      >
        <p>{t('mySlots.closeText', { title: closing?.title ?? '' })}</p>
      </ConfirmDialog>
    </Page>
  );
}
