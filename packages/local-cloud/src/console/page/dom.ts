// Builds DOM nodes from data. Text goes in as Text nodes (never parsed as HTML), so whatever an
// order id or an error cause contains is shown as it is.

type Attributes = Readonly<Record<string, string | number | undefined>>;
type Child = Node | string;

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

const withAttributes = <E extends Element>(element: E, attributes: Attributes, children: readonly Child[]): E => {
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) element.setAttribute(name, String(value));
  }
  element.append(...children);
  return element;
};

export const html = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] => withAttributes(document.createElement(tag), attributes, children);

export const svg = <K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): SVGElementTagNameMap[K] => withAttributes(document.createElementNS(SVG_NAMESPACE, tag), attributes, children);

/** The element the page's HTML must have; a missing one is a bug in console.html. */
export const required = <E extends Element>(selector: string): E => {
  const found = document.querySelector<E>(selector);
  if (!found) throw new Error(`console.html has no ${selector}`);
  return found;
};
