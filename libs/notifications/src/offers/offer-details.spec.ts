import { offerDetailValues } from './offer-details';

const slot = {
  site: 'Hallas Allé 1, Kalundborg',
  contactName: 'Jens Hansen',
  contactEmail: 'jens@example.dk',
  contactPhone: '+45 12 34 56 78',
};

describe('offerDetailValues', () => {
  it('names the place and the contact with their e-mail and phone', () => {
    expect(offerDetailValues(slot, false, '1. marts 2027', 'da')).toEqual({
      place: 'Hallas Allé 1, Kalundborg',
      contact: 'Jens Hansen (jens@example.dk, +45 12 34 56 78)',
      guardianNote: '',
    });
  });

  it('says what happens instead when the host has named no place or contact', () => {
    const empty = { site: '', contactName: '', contactEmail: '', contactPhone: '' };
    expect(offerDetailValues(empty, false, '', 'da')).toMatchObject({
      place: 'aftales med praktikstedet',
      contact: 'praktikstedet kontakter dig',
    });
    expect(offerDetailValues(null, false, '', 'en')).toMatchObject({
      place: 'to be agreed with the host',
    });
  });

  it('shows a phone alone when there is no name', () => {
    const phoneOnly = { ...slot, contactName: '', contactEmail: '' };
    expect(offerDetailValues(phoneOnly, false, '', 'en').contact).toBe('+45 12 34 56 78');
  });

  it('tells a student under 18 that a guardian must consent by the deadline', () => {
    const { guardianNote } = offerDetailValues(slot, true, '1. marts 2027 kl. 12.00', 'da');
    expect(guardianNote).toContain('forælder eller værge');
    expect(guardianNote).toContain('1. marts 2027 kl. 12.00');
    expect(offerDetailValues(slot, true, '1 March 2027', 'en').guardianNote).toContain(
      'parent or guardian',
    );
  });
});
