// Global keyboard shortcuts: j/k move between events in any list, g then o/s/l jump to the main pages.
import { useEffect } from 'preact/hooks';
import { href, navigate } from './router.js';

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

function moveFocus(step: 1 | -1): void {
  const rows = [...document.querySelectorAll<HTMLElement>('button.event-summary')];
  if (rows.length === 0) return;
  const current = rows.indexOf(document.activeElement as HTMLElement);
  const next = current < 0 ? (step > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, current + step));
  rows[next]?.focus();
  rows[next]?.scrollIntoView({ block: 'nearest' });
}

const jumps: Record<string, () => string> = { o: href.overview, s: () => href.streams(), l: () => href.live() };

export function useShortcuts(): void {
  useEffect(() => {
    let pendingG = false;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      if (pendingG) {
        pendingG = false;
        const to = jumps[e.key];
        if (to) {
          e.preventDefault();
          navigate(to());
        }
        return;
      }
      if (e.key === 'j' || e.key === 'k') {
        e.preventDefault();
        moveFocus(e.key === 'j' ? 1 : -1);
      } else if (e.key === 'g') {
        pendingG = true;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
