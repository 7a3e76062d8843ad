import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element to render the app into.');

// Same origin as the API: the coordinator serves this build.
createRoot(root).render(
  <StrictMode>
    <App baseUrl={window.location.origin} />
  </StrictMode>,
);
