/** Whether the shortcut help is open (issue 9 §12); closing it gives focus back where it was. */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface ShortcutHelp {
  isOpen: boolean;
  open(): void;
  close(): void;
}

export function useShortcutHelp(): ShortcutHelp {
  const [isOpen, setOpen] = useState(false);
  const returnTo = useRef<HTMLElement | null>(null);

  useLayoutEffect(() => {
    if (isOpen || !returnTo.current) return;
    returnTo.current.focus({ preventScroll: true });
    returnTo.current = null;
  }, [isOpen]);

  return {
    isOpen,
    open() {
      const active = document.activeElement;
      returnTo.current = active instanceof HTMLElement && active !== document.body ? active : null;
      setOpen(true);
    },
    close: () => setOpen(false),
  };
}
