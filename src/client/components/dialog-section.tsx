import type { ComponentChildren } from 'preact';

/** A titled part of the panel or popup (`Who?`, `Duration?`), labelled by its heading. */
export function DialogSection({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="dialog-section" aria-labelledby={id}>
      <h3 id={id} class="section-title">
        {title}
      </h3>
      {children}
    </section>
  );
}
