import { render } from 'preact';
import { App } from './containers/App.tsx';
// Logical properties only (inline/block) throughout, so dir="rtl" mirrors the whole layout.
import './styles/base.css';
import './styles/login.css';
import './styles/frame.css';
import './styles/lists.css';
import './styles/conversation.css';
import './styles/visitor-panel.css';
import './styles/team-tools.css';
import './styles/pages.css';
import './styles/agents-day.css';
import './styles/files.css';

render(<App />, document.getElementById('app')!);
