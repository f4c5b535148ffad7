import { ExportColumn, exportTable, ExportTable } from '@app/imports';
import { ApplicantView } from './applicants.service';

const list = (values: readonly string[]) => values.join('; ');
const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/** A slot's applicants as a table (CSV, xlsx): the fields the reviewer's screen shows, in its order. */
export function applicantsTable(items: readonly ApplicantView[]): ExportTable {
  const columns: ExportColumn<ApplicantView>[] = [
    { header: 'position', value: (a) => a.position },
    { header: 'fullName', value: (a) => a.fullName },
    { header: 'school', value: (a) => a.school.name },
    { header: 'programme', value: (a) => a.programme.name },
    { header: 'hostRank', value: (a) => a.hostRank },
    { header: 'notAcceptable', value: (a) => yesNo(a.notAcceptable) },
    { header: 'score', value: (a) => a.score.total },
    { header: 'meetsMinimumAge', value: (a) => yesNo(a.meetsMinimumAge) },
    { header: 'underEighteen', value: (a) => yesNo(a.underEighteen) },
    { header: 'availableFrom', value: (a) => a.availableFrom },
    { header: 'availableTo', value: (a) => a.availableTo },
    { header: 'languages', value: (a) => list(a.languages) },
    { header: 'skills', value: (a) => list(a.skills) },
    { header: 'interests', value: (a) => list(a.interests) },
    { header: 'motivation', value: (a) => a.motivation },
  ];
  return exportTable('Applicants', columns, items);
}
