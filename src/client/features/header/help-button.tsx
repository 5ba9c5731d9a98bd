/**
 * The small `?` button that opens the shortcut help (issue 9 §12). It sits at the end of the
 * date row on wider screens and in the actions row on phones (keyboard.css), so no header row
 * grows; touch-only screens show neither.
 */
interface Props {
  place: 'actions' | 'date-row';
  onShowHelp(): void;
}

export function HelpButton({ place, onShowHelp }: Props) {
  return (
    <button
      type="button"
      class={`action action--help action--help-${place}`}
      aria-label="? Keyboard shortcuts"
      aria-haspopup="dialog"
      title="Keyboard shortcuts (?)"
      onClick={onShowHelp}
    >
      ?
    </button>
  );
}
