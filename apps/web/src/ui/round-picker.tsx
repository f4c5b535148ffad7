import type { Round } from '../api/types';
import { useI18n } from '../i18n/i18n';

export function RoundPicker({
  rounds,
  value,
  onChange,
}: {
  rounds: Round[];
  value: string;
  onChange(id: string): void;
}) {
  const { t } = useI18n();
  return (
    <label>
      {t('common.round')}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {rounds.map((round) => (
          <option key={round.id} value={round.id}>
            {round.name} ({t(`round.${round.status}`)})
          </option>
        ))}
      </select>
    </label>
  );
}
