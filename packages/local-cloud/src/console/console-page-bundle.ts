import { join } from 'node:path';
import { buildBrowserPage } from '../browser-page';

/** The ops console's page (page/console.*), its TypeScript bundled for the browser. */
export const buildConsolePage = () => buildBrowserPage(join(__dirname, 'page'), 'console');
