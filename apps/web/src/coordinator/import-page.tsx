import { useState } from 'react';
import type { ImportedStudents, RosterPlanRow, RosterPreview, Student } from '../api/types';
import { fieldLabel } from '../i18n/error-texts';
import { Link } from '../app/router';
import { useI18n } from '../i18n/i18n';
import { CsvImport } from '../ui/csv-import';
import { Page, Section } from '../ui/page';
import { EnrolExistingForm } from './enrol-existing';

type Created = Student & { invitationToken: string };

export function RosterImportPage() {
  const { t } = useI18n();
  const [created, setCreated] = useState<Created[]>([]);
  const [outcome, setOutcome] = useState<{ updated: number; unchanged: number } | null>(null);
  return (
    <Page title={t('import.rosterTitle')} intro={t('import.rosterIntro')}>
      <p>
        <Link to="/students">{t('import.back')}</Link>
      </p>
      <CsvImport<Created, RosterPreview>
        target="/api/students/import"
        columns="name,email,programme,birthDate,availableFrom,availableTo,languages,expectedCompletion"
        example="Ella Poulsen,ella@skole.dk,Bioanalytiker,2007-09-13,2027-02-01,2027-06-30,da;en,2029-06"
        preview={{
          target: '/api/students/import/preview',
          render: (preview) => <RosterPreviewTable preview={preview} />,
        }}
        onImported={(rows, result) => {
          setCreated(rows);
          const { updated, unchanged } = result as ImportedStudents;
          setOutcome({ updated: updated.length, unchanged });
        }}
      />
      {outcome && (outcome.updated > 0 || outcome.unchanged > 0) && (
        <p className="muted">{t('import.returningDone', outcome)}</p>
      )}
      {created.length > 0 && (
        <Section title={t('import.invitations')}>
          <p>{t('import.invitationsIntro')}</p>
          <div
            className="table-wrap"
            role="region"
            aria-label={t('import.invitations')}
            tabIndex={0}
          >
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('students.name')}</th>
                  <th scope="col">{t('import.link')}</th>
                </tr>
              </thead>
              <tbody>
                {created.map((student) => (
                  <tr key={student.id}>
                    <th scope="row">
                      {student.fullName}
                      <br />
                      <span className="muted small">{student.email}</span>
                    </th>
                    <td className="break">
                      {`${window.location.origin}/invitation?token=${student.invitationToken}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
      )}
      <EnrolExistingForm />
    </Page>
  );
}

/** What the file would do, row by row: new students, returning ones changed, and unchanged. */
function RosterPreviewTable({ preview }: { preview: RosterPreview }) {
  const { t, language } = useI18n();
  const rows: { row: RosterPlanRow; kind: 'created' | 'updated' | 'unchanged' }[] = [
    ...preview.created.map((row) => ({ row, kind: 'created' as const })),
    ...preview.updated.map((row) => ({ row, kind: 'updated' as const })),
    ...preview.unchanged.map((row) => ({ row, kind: 'unchanged' as const })),
  ].sort((a, b) => a.row.row - b.row.row);
  return (
    <>
      <p>
        {t('import.previewSummary', {
          created: preview.created.length,
          updated: preview.updated.length,
          unchanged: preview.unchanged.length,
        })}
      </p>
      <div className="table-wrap" role="region" aria-label={t('import.preview')} tabIndex={0}>
        <table className="table table-stack">
          <caption>{t('import.preview')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('import.row')}</th>
              <th scope="col">{t('students.name')}</th>
              <th scope="col">{t('import.previewWhat')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ row, kind }) => (
              <tr key={row.row}>
                <td data-label={t('import.row')}>{row.row + 1}</td>
                <th scope="row" data-label={t('students.name')}>
                  {row.fullName}
                  <br />
                  <span className="muted small">{row.email}</span>
                </th>
                <td data-label={t('import.previewWhat')}>
                  {t(`import.preview.${kind}`)}
                  {kind === 'updated' && row.fields && (
                    <>
                      {': '}
                      {row.fields.map((field) => fieldLabel(language, field)).join(', ')}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
