// What the storefront page is told by the server that serves it (GET /config.json): where the
// API is, and the choices a local shopper has. Shared by the server and the page.

export interface SandboxCard {
  readonly token: string;
  readonly label: string;
}

export interface StorefrontConfig {
  readonly apiUrl: string;
  readonly customers: readonly string[];
  readonly currencies: readonly string[];
  readonly cards: readonly SandboxCard[];
}

/** The sandbox payment tokens a shopper may pick (services/payments sandbox-cards.ts). */
export const STOREFRONT_CARDS: readonly SandboxCard[] = [
  { token: 'tok_visa', label: 'Visa ending 4242: approved' },
  { token: 'tok_declined', label: 'Card declined by the issuer' },
  { token: 'tok_flaky', label: 'Flaky provider: fails twice, then approved' },
];

export const STOREFRONT_CUSTOMERS: readonly string[] = ['alice', 'bob', 'carol'];

/** The answer of GET /token?customer=…: a local token for that customer. */
export interface TokenResponse {
  readonly token: string;
}
