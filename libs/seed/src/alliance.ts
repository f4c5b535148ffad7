import { OrganisationKind, ProgrammeLevel } from '@app/database';

export interface SeedOrganisation {
  slug: string;
  name: string;
  kind: OrganisationKind;
  description: string;
}

/** The fifteen actors of Alliancen Biotekbyen. */
export const ALLIANCE: SeedOrganisation[] = [
  {
    slug: 'kalundborg-kommune',
    name: 'Kalundborg Kommune',
    kind: 'public',
    description: 'Kommunen, der samler alliancen.',
  },
  {
    slug: 'forsyning',
    name: 'Kalundborg Forsyning',
    kind: 'public',
    description: 'Vand, spildevand og varme i Kalundborg.',
  },
  {
    slug: 'novonordisk',
    name: 'Novo Nordisk',
    kind: 'employer',
    description: 'Insulinproduktion og API-fabrikker i Kalundborg.',
  },
  {
    slug: 'novozymes',
    name: 'Novozymes',
    kind: 'employer',
    description: 'Enzymproduktion og fermentering.',
  },
  {
    slug: 'nne',
    name: 'NNE',
    kind: 'employer',
    description: 'Ingeniørrådgivning til farmaceutisk produktion.',
  },
  {
    slug: 'chr-hansen',
    name: 'Chr. Hansen',
    kind: 'employer',
    description: 'Kulturer og enzymer til fødevarer og sundhed.',
  },
  {
    slug: 'refinery',
    name: 'Kalundborg Refinery',
    kind: 'employer',
    description: 'Raffinaderi og energiproduktion.',
  },
  {
    slug: 'helix-lab',
    name: 'Helix Lab',
    kind: 'employer',
    description: 'Test- og uddannelseslaboratorium for biotekproduktion.',
  },
  {
    slug: 'absalon',
    name: 'Professionshøjskolen Absalon',
    kind: 'school',
    description: 'Professionsbacheloruddannelser i Kalundborg.',
  },
  {
    slug: 'next',
    name: 'NEXT – Nordvestsjællands Erhvervs- og Gymnasieuddannelser',
    kind: 'school',
    description: 'Erhvervsuddannelser og gymnasier.',
  },
  {
    slug: 'maskinmester',
    name: 'Maskinmesterskolen København',
    kind: 'school',
    description: 'Maskinmesteruddannelsen, også i Kalundborg.',
  },
  {
    slug: 'kalundborg-gym',
    name: 'Kalundborg Gymnasium',
    kind: 'school',
    description: 'Stx og htx med erhvervspraktik.',
  },
  {
    slug: 'knowledge-hub-zealand',
    name: 'Knowledge Hub Zealand',
    kind: 'network',
    description: 'Videnscenter for bioøkonomi og industriel symbiose.',
  },
  {
    slug: 'symbiose',
    name: 'Kalundborg Symbiose',
    kind: 'network',
    description: 'Industriel symbiose mellem virksomheder og kommune.',
  },
  {
    slug: 'erhvervsraad',
    name: 'Kalundborgegnens Erhvervsråd',
    kind: 'network',
    description: 'Erhvervsservice i Kalundborg-egnen.',
  },
];

export interface SeedProgramme {
  school: string;
  code: string;
  name: string;
  level: ProgrammeLevel;
}

export const PROGRAMMES: SeedProgramme[] = [
  { school: 'absalon', code: 'bioanalytiker', name: 'Bioanalytiker', level: 'higher' },
  { school: 'absalon', code: 'procesteknolog', name: 'Procesteknolog', level: 'higher' },
  {
    school: 'absalon',
    code: 'laboratorieteknolog',
    name: 'Laboratorie- og fødevareteknolog',
    level: 'higher',
  },
  { school: 'next', code: 'procesoperator', name: 'Procesoperatør', level: 'vocational' },
  { school: 'next', code: 'laborant', name: 'Laborant', level: 'vocational' },
  { school: 'next', code: 'industriteknikker', name: 'Industritekniker', level: 'vocational' },
  { school: 'next', code: 'elektriker', name: 'Elektriker', level: 'vocational' },
  { school: 'maskinmester', code: 'maskinmester', name: 'Maskinmester', level: 'higher' },
  { school: 'kalundborg-gym', code: 'stx', name: 'Stx (erhvervspraktik)', level: 'gymnasium' },
  { school: 'kalundborg-gym', code: 'htx', name: 'Htx (erhvervspraktik)', level: 'gymnasium' },
];

/** Demo sign-ins of docs/contracts/http-api.md; the e-mail domain part names the organisation. */
export const DEMO_PASSWORD = 'kalundborg-demo';
export const DEMO_ADMIN = 'admin@biotekbyen.demo';
export const DEMO_COORDINATORS: Record<string, string> = {
  absalon: 'coordinator@absalon.demo',
  next: 'coordinator@next.demo',
  maskinmester: 'coordinator@maskinmester.demo',
  'kalundborg-gym': 'coordinator@kalundborg-gym.demo',
};
export const DEMO_REVIEWERS: Record<string, string> = {
  novonordisk: 'reviewer@novonordisk.demo',
  novozymes: 'reviewer@novozymes.demo',
  'chr-hansen': 'reviewer@chr-hansen.demo',
  nne: 'reviewer@nne.demo',
  refinery: 'reviewer@refinery.demo',
  forsyning: 'reviewer@forsyning.demo',
  'kalundborg-kommune': 'reviewer@kalundborg-kommune.demo',
  'helix-lab': 'reviewer@helix-lab.demo',
};
/** Students per school with a demo sign-in `student<n>@<school>.demo`. */
export const DEMO_STUDENTS_PER_SCHOOL = 30;
