/**
 * The shortcut help (issue 9 §12): the keys of the mode it was opened from, as helpSections
 * reads them from the shortcut table. Modal like the popup: backdrop or Esc closes it, Tab stays
 * inside.
 */
import { useRef } from 'preact/hooks';
import { trapTab, useFocusOnMount } from '../../components/focus-on-mount.js';
import type { HelpSection } from './shortcut-help.js';

interface Props {
  sections: readonly HelpSection[];
  onClose(): void;
}

export function ShortcutHelpDialog({ sections, onClose }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useFocusOnMount(ref);
  return (
    <>
      <div class="popup-backdrop help-backdrop" aria-hidden="true" onClick={onClose} />
      <div
        class="popup help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        ref={ref}
        onKeyDown={(event) => trapTab(event, ref.current)}
      >
        <div class="dialog-header">
          <h2 id="help-title" class="dialog-title">
            Keyboard shortcuts
          </h2>
        </div>
        {sections.map((section) => (
          <section key={section.title} class="help__section" aria-label={section.title}>
            <h3 class="section-title">{section.title}</h3>
            <dl class="help__list">
              {section.entries.map((entry) => (
                <div class="help__entry" key={entry.description}>
                  <dt class="help__keys">
                    {entry.keys.map((key) => (
                      <kbd key={key}>{key}</kbd>
                    ))}
                  </dt>
                  <dd class="help__description">{entry.description}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <button type="button" class="done-button" onClick={onClose}>
          <kbd class="key-hint">[Esc]</kbd> Close
        </button>
      </div>
    </>
  );
}
