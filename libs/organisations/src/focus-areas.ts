/** The alliance's three focus areas, used as interest tags on students and slots. */
export const FOCUS_AREAS = [
  'education-research-innovation',
  'biotech-production',
  'green-transition',
] as const;
export type FocusArea = (typeof FOCUS_AREAS)[number];

export const FOCUS_AREA_NAMES: Record<FocusArea, { da: string; en: string }> = {
  'education-research-innovation': {
    da: 'Uddannelse, forskning og innovation',
    en: 'Education, research and innovation',
  },
  'biotech-production': {
    da: 'Biotekproduktion, procesindustri og Industri 4.0',
    en: 'Biotech production, process industry and Industry 4.0',
  },
  'green-transition': {
    da: 'Bæredygtighed og grøn omstilling',
    en: 'Sustainability and the green transition',
  },
};

export const LANGUAGES = ['da', 'en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
