import { ReportView } from '../app/report-view';
import { useI18n } from '../i18n/i18n';
import { Page } from '../ui/page';

export function AllianceReportsPage() {
  const { t } = useI18n();
  return (
    <Page title={t('report.allianceTitle')} intro={t('report.allianceIntro')}>
      <ReportView groups={['school', 'programme', 'employer']} />
    </Page>
  );
}
