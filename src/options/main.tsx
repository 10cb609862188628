import { render } from 'preact';
import '../ui/base.css';
import { themeController } from '../ui/theme';
import { browserOptionsBackend } from './backend';
import './options.css';
import './history.css';
import { OptionsPage } from './OptionsPage';

render(<OptionsPage backend={browserOptionsBackend()} applyTheme={themeController()} />, document.getElementById('app')!);
