// Worker only: the share links offered by a top-level page, waiting in an extension tab for the viewer's choice.
import { storage } from 'wxt/utils/storage';
import type { SharedDeckOffer } from '../messaging/protocol';

// In session storage, which content scripts cannot read: the tab that shows an offer finds it
// by a token only the worker and that tab know.
const offersItem = storage.defineItem<Record<string, SharedDeckOffer>>('session:sharedDeckOffers', {
  fallback: {},
});

// A viewer who never answers leaves a few offers behind; more than this and the oldest go.
const keptOffers = 20;

export async function keepOffer(token: string, offer: SharedDeckOffer): Promise<void> {
  const offers = Object.entries(await offersItem.getValue()).slice(-(keptOffers - 1));
  await offersItem.setValue(Object.fromEntries([...offers, [token, offer]]));
}

export async function findOffer(token: string): Promise<SharedDeckOffer | undefined> {
  const offers = await offersItem.getValue();
  return Object.hasOwn(offers, token) ? offers[token] : undefined;
}
