import { useEffect } from 'react';

/**
 * When an action removes the element that had the focus (a "Bekræft" button that becomes a
 * badge, a closed slot's buttons, a dialog's opener), the browser drops the focus to <body>
 * and a keyboard user starts again from the top. This puts it on what the action just said
 * (a notice), or else on the screen's heading. Screens that know a better next element (the
 * slot list, the ranked list) move the focus themselves first.
 */
export function useFocusRescue(root: () => HTMLElement | null): void {
  useEffect(() => {
    let lastFocused: Element | null = document.activeElement;
    const remember = (event: FocusEvent) => {
      lastFocused = event.target instanceof Element ? event.target : null;
    };
    const rescue = () => {
      const active = document.activeElement;
      if (!lastFocused || lastFocused.isConnected) return;
      if (active && active !== document.body) return;
      const main = root();
      const target =
        main?.querySelector<HTMLElement>('.message[role="status"], .message[role="alert"]') ??
        main?.querySelector<HTMLElement>('h1');
      if (!target) return;
      if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
      target.focus({ preventScroll: false });
    };
    const observer = new MutationObserver(() => {
      // After the app's own focus moves in the same update have run.
      window.setTimeout(rescue, 0);
    });
    document.addEventListener('focusin', remember);
    observer.observe(document.body, { childList: true, subtree: true });
    return () => {
      document.removeEventListener('focusin', remember);
      observer.disconnect();
    };
  }, [root]);
}
