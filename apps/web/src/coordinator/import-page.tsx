import { useState } from 'react';
import type { Student } from '../api/types';
import { Link } from '../app/router';
import { useI18n } from '../i18n/i18n';
import { CsvImport } from '../ui/csv-import';
import { Page, Section } from '../ui/page';
import { EnrolExistingForm } from './enrol-existing';

type Created = Student & { invitationToken: string };

export function RosterImportPage() {
  const { t } = useI18n();
  const [created, setCreated] = useState<Created[]>([]);
  return (
    <Page title={t('import.rosterTitle')} intro={t('import.rosterIntro')}>
      <p>
        <Link to="/students">{t('import.back')}</Link>
      </p>
      <CsvImport<Created>
        target="/api/students/import"
        columns="name,email,programme,birthDate,availableFrom,availableTo,languages,expectedCompletion"
        example="Ella Poulsen,ella@skole.dk,Bioanalytiker,2007-09-13,2027-02-01,2027-06-30,da;en,2029-06"
        onImported={setCreated}
      />
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
