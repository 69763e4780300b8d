/**
 * Closed, so the page cannot reach into the overlay. The end-to-end build opens it,
 * because Playwright cannot see into closed roots; nothing else differs in that build.
 */
export const shadowRootMode: ShadowRootMode = import.meta.env.MODE === 'e2e' ? 'open' : 'closed';
