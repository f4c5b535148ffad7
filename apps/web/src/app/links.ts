import type { Role } from '../api/types';

/**
 * Addresses the e-mails and in-app messages point to (see libs/notifications): an offer, a
 * round's preferences or results. Each opens the screen of the reader's role that shows it.
 */
const LINKS: { pattern: RegExp; screen: Record<Role, string> }[] = [
  {
    pattern: /^\/placements\/[^/]+$/,
    screen: {
      student: '/overview',
      reviewer: '/interns',
      coordinator: '/students',
      admin: '/rounds',
    },
  },
  {
    pattern: /^\/rounds\/[^/]+\/preferences$/,
    screen: {
      student: '/ranking',
      reviewer: '/applicants',
      coordinator: '/students',
      admin: '/rounds',
    },
  },
  {
    pattern: /^\/rounds\/[^/]+\/results$/,
    screen: {
      student: '/overview',
      reviewer: '/interns',
      coordinator: '/school-report',
      admin: '/reports',
    },
  },
];

/** The screen a message's link opens for this role, or undefined for any other address. */
export function screenForLink(path: string, role: Role): string | undefined {
  return LINKS.find((link) => link.pattern.test(path))?.screen[role];
}
