import { useMe } from '../auth/session';
import { ReportView } from '../app/report-view';
import { useI18n } from '../i18n/i18n';
import { Page } from '../ui/page';

export function SchoolReportPage() {
  const { t } = useI18n();
  const me = useMe();
  return (
    <Page
      title={t('report.schoolTitle')}
      intro={t('report.schoolIntro', { school: me.organisation?.name ?? '' })}
    >
      <ReportView groups={['programme']} />
    </Page>
  );
}
