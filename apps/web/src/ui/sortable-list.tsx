import { DragEvent, ReactNode, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { moveItem } from './move';

type Focus = { key: string; control: 'up' | 'down' } | null;

/**
 * A ranked list ordered by drag and drop, or by keyboard with the move buttons on each row.
 * After a keyboard move the focus stays with the moved row, and a live region says where it
 * went, so the list can be ordered without a mouse and without seeing it.
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
}: {
  items: T[];
  label: string;
  getKey(item: T): string;
  getName(item: T): string;
  renderItem(item: T, index: number): ReactNode;
  onReorder(next: T[]): void;
  onRemove?(item: T): void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [focus, setFocus] = useState<Focus>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());

  useEffect(() => {
    if (!focus) return;
    const index = items.findIndex((item) => getKey(item) === focus.key);
    // At either end the pressed button is disabled: the other one keeps the focus in the row.
    const control =
      focus.control === 'up' && index === 0
        ? 'down'
        : focus.control === 'down' && index === items.length - 1
          ? 'up'
          : focus.control;
    buttons.current.get(`${focus.key}:${control}`)?.focus();
    setFocus(null);
  }, [focus, items, getKey]);

  const move = (from: number, to: number, control?: 'up' | 'down') => {
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

  const ref = (key: string) => (element: HTMLButtonElement | null) => {
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
              <span className="grip" aria-hidden="true">
                ⠿
              </span>
              <div className="sortable-item">{renderItem(item, index)}</div>
              <div className="sortable-controls">
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
                    onClick={() => {
                      onRemove(item);
                      setAnnouncement(t('sortable.removed', { name }));
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
