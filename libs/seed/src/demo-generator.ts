import { FOCUS_AREAS, FocusArea } from '@app/organisations';
import { DEMO_STUDENTS_PER_SCHOOL, PROGRAMMES } from './alliance';

/** mulberry32: tiny, fast and good enough to make the same demo data on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_NAMES = [
  'Emma',
  'Freja',
  'Ida',
  'Clara',
  'Alma',
  'Laura',
  'Sofie',
  'Mathilde',
  'Asta',
  'Ella',
  'William',
  'Noah',
  'Oscar',
  'Lucas',
  'Carl',
  'Victor',
  'Malthe',
  'Emil',
  'Alfred',
  'Magnus',
  'Amira',
  'Yusuf',
  'Zainab',
  'Mikkel',
  'Sara',
  'Jonas',
  'Nanna',
  'Frederik',
  'Anna',
  'Mads',
];
const LAST_NAMES = [
  'Jensen',
  'Nielsen',
  'Hansen',
  'Pedersen',
  'Andersen',
  'Christensen',
  'Larsen',
  'Sørensen',
  'Rasmussen',
  'Jørgensen',
  'Petersen',
  'Madsen',
  'Kristensen',
  'Olsen',
  'Thomsen',
  'Poulsen',
  'Johansen',
  'Møller',
  'Mortensen',
  'Ali',
  'Holm',
  'Lund',
  'Frederiksen',
  'Berg',
];
const SKILLS_BY_PROGRAMME: Record<string, string[]> = {
  bioanalytiker: ['pipettering', 'mikrobiologi', 'PCR', 'GMP', 'dataanalyse'],
  procesteknolog: ['processtyring', 'GMP', 'fermentering', 'kvalitetskontrol', 'LEAN'],
  laboratorieteknolog: ['analysekemi', 'HPLC', 'kvalitetskontrol', 'GMP', 'dokumentation'],
  procesoperator: ['processtyring', 'rengøring (CIP)', 'GMP', 'fermentering', 'sikkerhed'],
  laborant: ['pipettering', 'HPLC', 'analysekemi', 'GMP', 'dokumentation'],
  industriteknikker: ['CNC', 'svejsning', 'vedligehold', 'tegningslæsning', 'sikkerhed'],
  elektriker: ['el-installation', 'PLC', 'automation', 'fejlfinding', 'sikkerhed'],
  maskinmester: ['energioptimering', 'vedligehold', 'PLC', 'automation', 'ledelse'],
  stx: ['naturfag', 'engelsk', 'samarbejde', 'formidling'],
  htx: ['programmering', 'teknologi', 'naturfag', 'samarbejde'],
};
const AGE_RANGE: Record<string, [number, number]> = {
  higher: [20, 30],
  vocational: [17, 26],
  gymnasium: [16, 18],
};

export interface DemoStudent {
  key: string;
  email: string;
  fullName: string;
  school: string;
  programme: string;
  birthDate: string;
  languages: string[];
  skills: string[];
  interests: FocusArea[];
}

const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)];

function pickSome<T>(random: () => number, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) {
    chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  }
  return chosen;
}

/** Birth date so the student is `age` years old on 1 February 2027, the demo period's start. */
function birthDateFor(age: number, random: () => number): string {
  const day = 1 + Math.floor(random() * 360);
  const date = new Date(Date.UTC(2027 - age - 1, 1, 2 + day));
  return date.toISOString().slice(0, 10);
}

export function demoStudents(seed = 2026, perSchool = DEMO_STUDENTS_PER_SCHOOL): DemoStudent[] {
  const random = seededRandom(seed);
  const schools = [...new Set(PROGRAMMES.map((p) => p.school))];
  return schools.flatMap((school) => {
    const programmes = PROGRAMMES.filter((p) => p.school === school);
    return Array.from({ length: perSchool }, (_, i) => {
      const programme = programmes[i % programmes.length];
      const [minAge, maxAge] = AGE_RANGE[programme.level];
      const age = minAge + Math.floor(random() * (maxAge - minAge + 1));
      return {
        key: `${school}-${i + 1}`,
        email: `student${i + 1}@${school}.demo`,
        fullName: `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`,
        school,
        programme: programme.code,
        birthDate: birthDateFor(age, random),
        languages: random() < 0.75 ? ['da', 'en'] : ['da'],
        skills: pickSome(random, SKILLS_BY_PROGRAMME[programme.code], 2 + Math.floor(random() * 3)),
        interests: pickSome(random, FOCUS_AREAS, 1 + Math.floor(random() * 2)),
      };
    });
  });
}

export interface DemoSlot {
  key: string;
  organisation: string;
  title: string;
  focusArea: FocusArea;
  programmes: string[];
  skills: string[];
  language: string | null;
  minAge: number | null;
  capacity: number;
  site: string;
}

/**
 * A few realistic slots per host; eligible programmes name `school/code`. Their seats (about
 * 100 for the 120 demo students, spread over the programmes) let the demo round place most
 * students and leave a few without a place, as in a real year.
 */
export const DEMO_SLOTS: DemoSlot[] = [
  {
    key: 'novo-1',
    organisation: 'novonordisk',
    title: 'Laborant i kvalitetskontrol',
    focusArea: 'biotech-production',
    programmes: ['next/laborant', 'absalon/laboratorieteknolog'],
    skills: ['HPLC', 'GMP', 'analysekemi'],
    language: 'da',
    minAge: 18,
    capacity: 6,
    site: 'Hallas Allé, Kalundborg',
  },
  {
    key: 'novo-2',
    organisation: 'novonordisk',
    title: 'Procesoperatør i API-produktionen',
    focusArea: 'biotech-production',
    programmes: ['next/procesoperator', 'absalon/procesteknolog'],
    skills: ['processtyring', 'GMP', 'fermentering'],
    language: 'da',
    minAge: 18,
    capacity: 7,
    site: 'Hallas Allé, Kalundborg',
  },
  {
    key: 'novo-3',
    organisation: 'novonordisk',
    title: 'Bioanalytiker i QC-mikrobiologi',
    focusArea: 'education-research-innovation',
    programmes: ['absalon/bioanalytiker'],
    skills: ['mikrobiologi', 'PCR'],
    language: 'en',
    minAge: null,
    capacity: 5,
    site: 'Hallas Allé, Kalundborg',
  },
  {
    key: 'novozymes-1',
    organisation: 'novozymes',
    title: 'Fermenteringspraktikant',
    focusArea: 'biotech-production',
    programmes: ['absalon/procesteknolog', 'next/procesoperator'],
    skills: ['fermentering', 'processtyring'],
    language: 'da',
    minAge: 18,
    capacity: 5,
    site: 'Kalundborg',
  },
  {
    key: 'novozymes-2',
    organisation: 'novozymes',
    title: 'Enzymlaboratoriet',
    focusArea: 'education-research-innovation',
    programmes: ['next/laborant', 'absalon/bioanalytiker'],
    skills: ['pipettering', 'analysekemi'],
    language: null,
    minAge: null,
    capacity: 6,
    site: 'Kalundborg',
  },
  {
    key: 'nne-1',
    organisation: 'nne',
    title: 'Automation i farmaceutiske anlæg',
    focusArea: 'biotech-production',
    programmes: ['next/elektriker', 'maskinmester/maskinmester'],
    skills: ['PLC', 'automation'],
    language: 'en',
    minAge: null,
    capacity: 8,
    site: 'Kalundborg',
  },
  {
    key: 'nne-2',
    organisation: 'nne',
    title: 'Erhvervspraktik: ingeniørens hverdag',
    focusArea: 'education-research-innovation',
    programmes: ['kalundborg-gym/htx', 'kalundborg-gym/stx'],
    skills: ['teknologi', 'naturfag'],
    language: 'da',
    minAge: null,
    capacity: 10,
    site: 'Kalundborg',
  },
  {
    key: 'chr-1',
    organisation: 'chr-hansen',
    title: 'Kulturer og kvalitet',
    focusArea: 'biotech-production',
    programmes: ['absalon/laboratorieteknolog', 'next/laborant'],
    skills: ['kvalitetskontrol', 'mikrobiologi'],
    language: 'da',
    minAge: null,
    capacity: 6,
    site: 'Kalundborg',
  },
  {
    key: 'refinery-1',
    organisation: 'refinery',
    title: 'Maskinmester i driften',
    focusArea: 'green-transition',
    programmes: ['maskinmester/maskinmester'],
    skills: ['energioptimering', 'vedligehold'],
    language: 'da',
    minAge: 18,
    capacity: 10,
    site: 'Melbyvej, Kalundborg',
  },
  {
    key: 'refinery-2',
    organisation: 'refinery',
    title: 'Industritekniker, vedligehold',
    focusArea: 'green-transition',
    programmes: ['next/industriteknikker'],
    skills: ['vedligehold', 'svejsning'],
    language: 'da',
    minAge: 18,
    capacity: 5,
    site: 'Melbyvej, Kalundborg',
  },
  {
    key: 'forsyning-1',
    organisation: 'forsyning',
    title: 'Grøn omstilling af fjernvarmen',
    focusArea: 'green-transition',
    programmes: ['maskinmester/maskinmester', 'next/elektriker'],
    skills: ['energioptimering', 'PLC'],
    language: 'da',
    minAge: null,
    capacity: 10,
    site: 'Kalundborg',
  },
  {
    key: 'forsyning-2',
    organisation: 'forsyning',
    title: 'Erhvervspraktik: vand og miljø',
    focusArea: 'green-transition',
    programmes: ['kalundborg-gym/stx', 'kalundborg-gym/htx'],
    skills: ['naturfag'],
    language: 'da',
    minAge: null,
    capacity: 8,
    site: 'Kalundborg',
  },
  {
    key: 'kommune-1',
    organisation: 'kalundborg-kommune',
    title: 'Erhvervspraktik i Biotekbyen-sekretariatet',
    focusArea: 'education-research-innovation',
    programmes: ['kalundborg-gym/stx'],
    skills: ['formidling', 'samarbejde'],
    language: 'da',
    minAge: null,
    capacity: 8,
    site: 'Rådhuset, Kalundborg',
  },
  {
    key: 'helix-1',
    organisation: 'helix-lab',
    title: 'Træning i Helix Lab',
    focusArea: 'education-research-innovation',
    programmes: [],
    skills: ['GMP', 'processtyring'],
    language: null,
    minAge: null,
    capacity: 10,
    site: 'Kalundborg',
  },
];
