/**
 * “只看报道明确陈述的内容” (#17): one choice, kept between visits, that hides whatever a report does not
 * state outright — in the details panel (records, claims, quotes) and in the graph (nodes and edges
 * whose basis is composedName, institutional, inferred or unknown). Elements that carry no basis at
 * all (a lens's group boxes) are never hidden.
 */
import type { Core, SingularElementArgument } from 'cytoscape';

/** Where the choice is kept between visits. */
const STATED_ONLY_KEY = 'partygraph.statedOnly';
/** Marks the elements this choice hid, so turning it off shows only those again. */
const HIDDEN_CLASS = 'not-stated-hidden';

const listeners = new Set<(statedOnly: boolean) => void>();

export function readStatedOnly(): boolean {
  try {
    return localStorage.getItem(STATED_ONLY_KEY) === '1';
  } catch {
    return false;
  }
}

/** Keeps the choice and tells every graph bound to it. */
export function writeStatedOnly(value: boolean): void {
  try {
    localStorage.setItem(STATED_ONLY_KEY, value ? '1' : '0');
  } catch {
    // storage refused (private mode): the choice lasts for this page only
  }
  for (const listener of listeners) listener(value);
}

/** True for an element that carries a basis other than `stated` (null: generated or entered without one). */
const notStated = (ele: SingularElementArgument) => {
  const basis = ele.data('basis');
  return basis !== undefined && basis !== 'stated';
};

/**
 * Hides (display: none, so layouts and counts of what is visible leave them out) the graph's elements
 * that are not stated while the choice is on, including elements added later; shows them again when
 * it is turned off. A hidden node hides its edges too.
 */
export function bindStatedOnly(cy: Core): void {
  const apply = (on: boolean, eles = cy.elements()) => {
    cy.batch(() => {
      for (const ele of eles) {
        if (on && notStated(ele)) ele.addClass(HIDDEN_CLASS).style('display', 'none');
        else if (ele.hasClass(HIDDEN_CLASS)) ele.removeClass(HIDDEN_CLASS).removeStyle('display');
      }
    });
  };
  listeners.add((on) => apply(on));
  cy.on('add', (event) => {
    if (readStatedOnly()) apply(true, event.target);
  });
  cy.on('destroy', () => listeners.clear());
  apply(readStatedOnly());
}
