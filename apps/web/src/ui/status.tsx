import type { PlacementStatus, RoundStatus } from '../api/types';
import { useI18n } from '../i18n/i18n';

/** A status as a word with a colour; the word carries the meaning, the colour only helps. */
export function PlacementStatusBadge({ status }: { status: PlacementStatus }) {
  const { t } = useI18n();
  return <span className={`badge placement-${status}`}>{t(`placement.${status}`)}</span>;
}

export function RoundStatusBadge({ status }: { status: RoundStatus }) {
  const { t } = useI18n();
  return <span className={`badge round-${status}`}>{t(`round.${status}`)}</span>;
}
