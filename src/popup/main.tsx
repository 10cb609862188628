import { render } from 'preact';
import '../ui/base.css';
import '../ui/feedback.css';
import { themeController } from '../ui/theme';
import { App } from './App';
import { browserBackend } from './backend';
import { startLoading } from './loading';
import { parseParams } from './model';
import { isTabPage } from './screen';
import './popup.css';
import './reader.css';

performance.mark('xc:boot');
const params = parseParams(location.search);
// the reader or a lookup opened in a tab of its own gets a page layout; everything else is the 400 px popup
document.documentElement.classList.toggle('in-tab', isTabPage(params.article, location.search));
const backend = browserBackend();
const loads = startLoading(backend, params);
render(<App backend={backend} params={params} loads={loads} applyTheme={themeController()} />, document.getElementById('app')!);
