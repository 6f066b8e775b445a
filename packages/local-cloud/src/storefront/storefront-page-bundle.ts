import { join } from 'node:path';
import { buildBrowserPage } from '../browser-page';

/** The storefront's page (page/storefront.*), bundled with @order-platform/client for the browser. */
export const buildStorefrontPage = () => buildBrowserPage(join(__dirname, 'page'), 'storefront');
