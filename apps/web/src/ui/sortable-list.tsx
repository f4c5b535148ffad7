import {
  DragEvent,
  KeyboardEvent,
  PointerEvent,
  ReactNode,
  useEffect,
  useRef,
  useState,
} from 'react';
import { useI18n } from '../i18n/i18n';
import { moveItem } from './move';

type Control = 'up' | 'down' | 'remove' | 'top' | 'rank';
type Focus = { key: string; control: Control } | null;

/** The row under a point of the screen, by its index in the list, if any. */
function rowAt(x: number, y: number): number | null {
  const row = document.elementFromPoint(x, y)?.closest<HTMLElement>('.sortable li');
  return row?.dataset.index === undefined ? null : Number(row.dataset.index);
}

/**
 * A ranked list ordered by drag and drop (a mouse drags the row; a finger or pen drags its
 * grip, by pointer events, since HTML drag and drop does not follow touch), or by keyboard with
 * the move buttons on each row.
 * After a keyboard move the focus stays with the moved row, and a live region says where it
 * went, so the list can be ordered without a mouse and without seeing it. With `jumps`, each row
 * also has "move to top" and a rank field (type a number, then Enter), for long lists.
 */
export function SortableList<T>({
  items,
  label,
  getKey,
  getName,
  renderItem,
  onReorder,
  onRemove,
  disabled,
  jumps,
}: {
  items: T[];
  label: string;
  getKey(item: T): string;
  getName(item: T): string;
  renderItem(item: T, index: number): ReactNode;
  onReorder(next: T[]): void;
  onRemove?(item: T): void;
  disabled?: boolean;
  jumps?: boolean;
}) {
  const { t } = useI18n();
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [focus, setFocus] = useState<Focus>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement | HTMLInputElement>());

  useEffect(() => {
    if (!focus) return;
    const index = items.findIndex((item) => getKey(item) === focus.key);
    // At either end the pressed button is disabled: the other one keeps the focus in the row.
    const control =
      focus.control === 'top' && index === 0
        ? 'rank'
        : focus.control === 'up' && index === 0
          ? 'down'
          : focus.control === 'down' && index === items.length - 1
            ? 'up'
            : focus.control;
    buttons.current.get(`${focus.key}:${control}`)?.focus();
    setFocus(null);
  }, [focus, items, getKey]);

  const move = (from: number, to: number, control?: Control) => {
    if (to < 0 || to >= items.length || from === to) return;
    const next = moveItem(items, from, to);
    const item = items[from];
    onReorder(next);
    setAnnouncement(t('sortable.moved', { name: getName(item), position: to + 1 }));
    if (control) setFocus({ key: getKey(item), control });
  };

  const onDrop = (event: DragEvent, to: number) => {
    event.preventDefault();
    const from = items.findIndex((item) => getKey(item) === dragging);
    setDragging(null);
    setOver(null);
    if (from >= 0) move(from, to);
  };

  // Touch and pen: the grip follows the finger, the row under it is the drop target.
  const pointerDown = (event: PointerEvent<HTMLSpanElement>, key: string) => {
    if (disabled || event.pointerType === 'mouse') return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    setDragging(key);
  };
  const pointerMove = (event: PointerEvent<HTMLSpanElement>) => {
    if (dragging === null || event.pointerType === 'mouse') return;
    setOver(rowAt(event.clientX, event.clientY));
  };
  const pointerUp = (event: PointerEvent<HTMLSpanElement>) => {
    if (dragging === null || event.pointerType === 'mouse') return;
    const from = items.findIndex((item) => getKey(item) === dragging);
    const to = rowAt(event.clientX, event.clientY);
    setDragging(null);
    setOver(null);
    if (from >= 0 && to !== null) move(from, to);
  };

  const ref = (key: string) => (element: HTMLButtonElement | HTMLInputElement | null) => {
    if (element) buttons.current.set(key, element);
    else buttons.current.delete(key);
  };

  return (
    <>
      <ol className="sortable" aria-label={label}>
        {items.map((item, index) => {
          const key = getKey(item);
          const name = getName(item);
          return (
            <li
              key={key}
              className={[
                dragging === key ? 'dragging' : '',
                over === index && dragging !== key ? 'drop-target' : '',
              ].join(' ')}
              draggable={!disabled}
              data-key={key}
              data-index={index}
              onDragStart={(event) => {
                event.dataTransfer.effectAllowed = 'move';
                event.dataTransfer.setData('text/plain', key);
                setDragging(key);
              }}
              onDragEnd={() => {
                setDragging(null);
                setOver(null);
              }}
              onDragOver={(event) => {
                if (dragging === null) return;
                event.preventDefault();
                event.dataTransfer.dropEffect = 'move';
                setOver(index);
              }}
              onDrop={(event) => onDrop(event, index)}
            >
              <span className="rank" aria-hidden="true">
                {index + 1}
              </span>
              <span
                className="grip"
                aria-hidden="true"
                onPointerDown={(event) => pointerDown(event, key)}
                onPointerMove={pointerMove}
                onPointerUp={pointerUp}
                onPointerCancel={() => {
                  setDragging(null);
                  setOver(null);
                }}
              >
                ⠿
              </span>
              <div className="sortable-item">{renderItem(item, index)}</div>
              <div className="sortable-controls">
                {jumps && (
                  <>
                    <RankField
                      inputRef={ref(`${key}:rank`)}
                      rank={index + 1}
                      count={items.length}
                      disabled={disabled}
                      label={t('sortable.rank', { name })}
                      onRank={(rank) => move(index, rank - 1, 'rank')}
                    />
                    <button
                      type="button"
                      className="icon"
                      ref={ref(`${key}:top`)}
                      disabled={disabled || index === 0}
                      aria-label={t('sortable.top', { name })}
                      title={t('sortable.topShort')}
                      onClick={() => move(index, 0, 'top')}
                    >
                      ⤒
                    </button>
                  </>
                )}
                <button
                  type="button"
                  className="icon"
                  ref={ref(`${key}:up`)}
                  disabled={disabled || index === 0}
                  aria-label={t('sortable.up', { name })}
                  title={t('sortable.upShort')}
                  onClick={() => move(index, index - 1, 'up')}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon"
                  ref={ref(`${key}:down`)}
                  disabled={disabled || index === items.length - 1}
                  aria-label={t('sortable.down', { name })}
                  title={t('sortable.downShort')}
                  onClick={() => move(index, index + 1, 'down')}
                >
                  ↓
                </button>
                {onRemove && (
                  <button
                    type="button"
                    className="icon"
                    disabled={disabled}
                    aria-label={t('sortable.remove', { name })}
                    title={t('sortable.removeShort')}
                    ref={ref(`${key}:remove`)}
                    onClick={() => {
                      onRemove(item);
                      setAnnouncement(t('sortable.removed', { name }));
                      // The row goes: the focus moves to the next row's remove button (or the
                      // one before it, for the last row).
                      const neighbour = items[index + 1] ?? items[index - 1];
                      if (neighbour) setFocus({ key: getKey(neighbour), control: 'remove' });
                    }}
                  >
                    ✕
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}

/**
 * A row's rank as a number to type, then Enter: the row moves there (a number out of range to
 * the nearest end); Escape or leaving the field puts the rank back.
 */
function RankField({
  rank,
  count,
  label,
  disabled,
  inputRef,
  onRank,
}: {
  rank: number;
  count: number;
  label: string;
  disabled?: boolean;
  inputRef(element: HTMLInputElement | null): void;
  onRank(rank: number): void;
}) {
  const [draft, setDraft] = useState(String(rank));
  // Read when the field loses focus, which can happen while the row is being moved.
  const current = useRef(rank);
  current.current = rank;
  useEffect(() => setDraft(String(rank)), [rank]);
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') return setDraft(String(rank));
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const typed = Number.parseInt(draft, 10);
    if (!Number.isFinite(typed)) return setDraft(String(rank));
    const to = Math.min(Math.max(typed, 1), count);
    setDraft(String(to));
    if (to !== rank) onRank(to);
  };
  return (
    <input
      ref={inputRef}
      className="rank-field"
      type="number"
      inputMode="numeric"
      min={1}
      max={count}
      value={draft}
      disabled={disabled}
      aria-label={label}
      onChange={(event) => setDraft(event.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => setDraft(String(current.current))}
    />
  );
}
