// Entry point: mounts the app.
import { render } from 'preact';
import { App } from './app.js';
import './styles/base.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/lists.css';
import './styles/json.css';
import './styles/widgets.css';
import './styles/status.css';
import './styles/phone.css';

render(<App />, document.getElementById('app')!);
