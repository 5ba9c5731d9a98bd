/**
 * The access-code prompt shown instead of the calendar when the instance asks for its code
 * (issue 10 §4): one labelled field, focused at once, Enter sends it; a wrong code is announced
 * and selected for retyping. Nothing is kept in the page: the server's cookie is the session.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ACCESS_CODE_MAX_LENGTH } from '../../../core/sign-in.js';
import { signIn } from '../../api/sign-in.js';

/** What the prompt says for an answer that did not open a session. */
function problemText(result: Awaited<ReturnType<typeof signIn>>): string {
  if (result.kind === 'unreachable') return 'The server cannot be reached. Try again in a moment.';
  if (result.kind !== 'rejected') return '';
  if (result.status === 401) return 'That code is not right. Try again.';
  if (result.status === 429) return 'Too many wrong codes. Wait a few minutes, then try again.';
  return result.error;
}

export function AccessPrompt({ onUnlocked }: { onUnlocked: () => void }) {
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => input.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    const code = input.current?.value ?? '';
    if (busy || code === '') return;
    setBusy(true);
    const result = await signIn(code);
    setBusy(false);
    if (result.kind === 'ok') {
      onUnlocked();
      return;
    }
    setProblem(problemText(result));
    input.current?.select();
  };

  return (
    <main class="access-prompt">
      <form class="access-prompt__form" onSubmit={submit} aria-labelledby="access-title">
        <h1 id="access-title">Access code required</h1>
        <p id="access-hint">This calendar is protected. Enter its access code to open it.</p>
        <label for="access-code">Access code</label>
        <input
          ref={input}
          id="access-code"
          name="code"
          type="password"
          autocomplete="current-password"
          required
          maxLength={ACCESS_CODE_MAX_LENGTH}
          aria-describedby="access-hint access-problem"
          aria-invalid={problem ? 'true' : undefined}
        />
        <p id="access-problem" class="access-prompt__problem" role="alert">
          {problem}
        </p>
        <button type="submit" disabled={busy}>
          {busy ? 'Checking…' : 'Open calendar'}
        </button>
      </form>
    </main>
  );
}
