/** The page's entry: styles, language, and either the app or the "no API" panel. */
import 'uplot/dist/uPlot.min.css';
import './styles/theme.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/feeds.css';
import './styles/editor.css';
import './styles/live.css';
import './styles/charts.css';
import './styles/history.css';
import './styles/rules.css';
import './styles/incidents.css';
import './styles/actions.css';
import { findApi, IpcClient } from './api.ts';
import { startApp } from './app.ts';
import { missingApiPanel } from './components/missing-api.ts';
import { setLanguage } from './i18n/index.ts';

const root = document.getElementById('app')!;
// Until preferences arrive, follow the system language.
setLanguage('system');
const api = findApi();
if (api) startApp(root, new IpcClient(api));
else root.replaceChildren(missingApiPanel());
