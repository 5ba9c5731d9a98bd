/**
 * Entry of the web client: self-hosted fonts (latin subsets only; exactly the weights the styles
 * use, so none is synthesised: DM Sans 400–600, JetBrains Mono 400–700), styles, then the app.
 */
import '@fontsource/dm-sans/latin-400.css';
import '@fontsource/dm-sans/latin-500.css';
import '@fontsource/dm-sans/latin-600.css';
import '@fontsource/jetbrains-mono/latin-400.css';
import '@fontsource/jetbrains-mono/latin-500.css';
import '@fontsource/jetbrains-mono/latin-600.css';
import '@fontsource/jetbrains-mono/latin-700.css';
import './styles/tokens.css';
import './styles/layout.css';
import './styles/calendar.css';
import './styles/dialogs.css';
import './styles/access.css';
import './styles/move-and-undo.css';
import './styles/feedback.css';
import './styles/keyboard.css';
import { render } from 'preact';
import { prefetchStartup } from './api/prefetch.js';
import { App } from './app.js';
import { pagePathname } from './lib/instance-path.js';
import { registerShellWorker } from './lib/shell-worker.js';
import { BUILT_CLIENT, USE_API } from './env.js';

if (USE_API) prefetchStartup();
if (USE_API && BUILT_CLIENT) registerShellWorker(pagePathname());

const root = document.getElementById('app');
if (root) render(<App />, root);
