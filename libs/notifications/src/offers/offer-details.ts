import { Language } from '../templates/message-format';

/** What the offer e-mail says of the host's side, read from the slot when it is sent. */
export interface OfferSlotDetails {
  site: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

const TEXTS = {
  da: {
    noPlace: 'aftales med praktikstedet',
    noContact: 'praktikstedet kontakter dig',
    calendar: (contact: string) => `Praktik. Kontakt: ${contact}.`,
    guardian: (deadline: string) =>
      ` Du er under 18 år på den første dag, så en forælder eller værge skal give samtykke. ` +
      `Når du accepterer, skriver du deres navn og e-mail. De får en e-mail og skal svare senest ` +
      `${deadline}; først da er praktikpladsen din.`,
  },
  en: {
    noPlace: 'to be agreed with the host',
    noContact: 'the host will contact you',
    calendar: (contact: string) => `Internship. Contact: ${contact}.`,
    guardian: (deadline: string) =>
      ` You are under 18 on the first day, so a parent or guardian must consent. When you ` +
      `accept, you give their name and e-mail. They get an e-mail and must answer by ` +
      `${deadline}; only then is the place yours.`,
  },
} as const;

/**
 * The offer e-mail's `{{place}}`, `{{contact}}` and `{{guardianNote}}`: a slot without an
 * address or a contact says what happens instead, and the note is empty for a student of 18.
 */
export function offerDetailValues(
  slot: OfferSlotDetails | null,
  needsGuardianConsent: boolean,
  deadline: string,
  language: Language,
): { place: string; contact: string; guardianNote: string } {
  const texts = TEXTS[language];
  const reach = [slot?.contactEmail, slot?.contactPhone].filter(Boolean).join(', ');
  const name = slot?.contactName ?? '';
  const contact = name && reach ? `${name} (${reach})` : name || reach;
  return {
    place: slot?.site || texts.noPlace,
    contact: contact || texts.noContact,
    guardianNote: needsGuardianConsent ? texts.guardian(deadline) : '',
  };
}

/**
 * The calendar entry's description: what the period is and whom to ask, the same in the offer
 * and in its reminders (not the e-mail's subject, which in a reminder says to answer).
 */
export function offerCalendarDescription(contact: string, language: Language): string {
  return TEXTS[language].calendar(contact);
}
