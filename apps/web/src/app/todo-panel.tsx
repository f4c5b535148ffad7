import { api, read } from '../api/client';
import type { Todo } from '../api/types';
import type { MessageKey } from '../i18n/da';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage } from '../ui/messages';
import { Section } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { Link } from './router';

/** Each kind's wording for one and for more (a round's own step is one round). */
const WORDING: Record<Todo['kind'], [one: MessageKey, other: MessageKey]> = {
  runRound: ['todo.runRound', 'todo.runRound'],
  publishRound: ['todo.publishRound', 'todo.publishRound'],
  failedNotifications: ['todo.failedNotifications.one', 'todo.failedNotifications.other'],
  studentsNotRanked: ['todo.studentsNotRanked.one', 'todo.studentsNotRanked.other'],
  guardianConsents: ['todo.guardianConsents.one', 'todo.guardianConsents.other'],
  rankApplicants: ['todo.rankApplicants.one', 'todo.rankApplicants.other'],
  confirmInterns: ['todo.confirmInterns.one', 'todo.confirmInterns.other'],
  rankSlots: ['todo.rankSlots', 'todo.rankSlots'],
  answerOffer: ['todo.answerOffer.one', 'todo.answerOffer.other'],
};

const todoKey = (todo: Todo): MessageKey => WORDING[todo.kind][todo.count === 1 ? 0 : 1];

/**
 * What waits for the signed-in user, on their role's first screen: each item a link to the
 * screen where it is done, with its count and deadline as the api counts them.
 */
export function TodoPanel() {
  const { t, number, dateTime } = useI18n();
  const todos = useLoad(() => read<{ items: Todo[] }>(api.GET('/api/me/todos')), []);
  if (!todos.data && !todos.error) return null;
  const items = todos.data?.items ?? [];
  return (
    <Section title={t('todo.title')} className="todos">
      <ErrorMessage error={todos.error} />
      {todos.data && items.length === 0 && <p className="muted">{t('todo.none')}</p>}
      {items.length > 0 && (
        <ul className="todo-list">
          {items.map((todo) => (
            <li key={`${todo.kind}-${todo.round?.id ?? ''}`}>
              <Link to={todo.link}>
                {t(todoKey(todo), { count: number(todo.count), round: todo.round?.name ?? '' })}
              </Link>
              {todo.dueAt && (
                <span className="muted"> · {t('todo.due', { date: dateTime(todo.dueAt) })}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
