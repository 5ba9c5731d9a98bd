/** A full-width choice with an optional key hint: `[J] Jack`, `[2] 2 hours` (PRODUCT.md §8.3). */
import type { ComponentChildren } from 'preact';

interface Props {
  hotkey?: string;
  pressed: boolean;
  disabled?: boolean;
  onClick(): void;
  children: ComponentChildren;
  swatch?: number;
}

export function OptionButton({ hotkey, pressed, disabled = false, onClick, children, swatch }: Props) {
  return (
    <button type="button" class="option" aria-pressed={pressed} disabled={disabled} onClick={onClick}>
      {hotkey ? <kbd class="key-hint">[{hotkey.toUpperCase()}]</kbd> : null}
      {hotkey ? ' ' : null}
      <span class="option__label">{children}</span>
      {swatch ? <span class={`option__swatch user-${swatch}`} aria-hidden="true" /> : null}
    </button>
  );
}
