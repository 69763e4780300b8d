// Worker only: one port per overlay frame, which video each shows, and the pushes that keep them current.
import { liveQuery, type Subscription } from 'dexie';
import * as v from 'valibot';
import type { Browser } from 'wxt/browser';
import {
  type NotesListPush,
  overlayPortName,
  PortMessageSchema,
  type Push,
  type TabVideo,
} from '../messaging/protocol';
import type { VideoInfo } from '../model/records';
import { isUrlOfVideo } from '../model/video-key';
import { type CuecardsDatabase, cardsOfVideo, notesOfVideo } from '../store/database';
import { adoptPageNotes } from '../store/page-notes';

type Port = Browser.runtime.Port;

interface OverlayFrame {
  port: Port;
  tabId: number;
  frameId: number;
  /** Watch requests received, so a check that ends after a newer request is dropped. */
  watchRequests: number;
  video?: VideoInfo;
  activeAt: number;
  isPlaying: boolean;
  /** The editor the overlay says it shows. */
  editorToken?: string;
}

interface VideoWatch {
  subscription: Subscription;
  frames: Set<string>;
  /** The ports of notes lists (frames of ours) that show this video. */
  lists: Set<Port>;
  last?: Extract<Push, { type: 'annotations' }>;
}

const frameKey = (tabId: number, frameId: number) => `${tabId}:${frameId}`;

const notesOnly = (push: Extract<Push, { type: 'annotations' }>): NotesListPush => ({
  type: 'notes',
  notes: push.notes,
});

/**
 * One long-lived port per overlay frame. Each frame watches one video; the hub keeps one
 * live query per watched video and pushes its notes and cards to every frame that shows
 * it, whoever wrote them (this worker, the popup, another tab), and its notes to every
 * notes list open on it.
 */
export function createOverlayHub(
  db: CuecardsDatabase,
  extensionId: string,
  /** A frame's address now, read where the page cannot change what it says. */
  frameAddress: (tabId: number, frameId: number) => Promise<string | undefined>,
  /**
   * An overlay said which editor it shows, as it does after each reconnect: one closed while
   * it was away is to be closed now (see the router's `editorReported`).
   */
  onEditorReported: (tabId: number, frameId: number, token: string) => void = () => {},
) {
  const frames = new Map<string, OverlayFrame>();
  const watches = new Map<string, VideoWatch>();
  const waiters = new Set<() => void>();

  function release(videoKey: string, watch: VideoWatch) {
    if (watch.frames.size > 0 || watch.lists.size > 0) return;
    watch.subscription.unsubscribe();
    watches.delete(videoKey);
  }

  function unwatch(key: string, frame: OverlayFrame) {
    if (!frame.video) return;
    const watch = watches.get(frame.video.key);
    if (!watch) return;
    watch.frames.delete(key);
    release(frame.video.key, watch);
  }

  /** The live query of a video, started by its first watcher. */
  function watchOf(videoKey: string): VideoWatch {
    const existing = watches.get(videoKey);
    if (existing) return existing;
    const created = { frames: new Set(), lists: new Set() } as unknown as VideoWatch;
    watches.set(videoKey, created);
    const annotations = async () => ({
      notes: await notesOfVideo(db, videoKey),
      cards: await cardsOfVideo(db, videoKey, true),
    });
    created.subscription = liveQuery(annotations).subscribe({
      next: ({ notes, cards }) => {
        const push = { type: 'annotations' as const, videoKey, notes, cards };
        created.last = push;
        for (const member of created.frames) {
          const target = frames.get(member);
          if (target) safePost(target.port, push);
        }
        for (const list of created.lists) safePost(list, notesOnly(push));
      },
      error: (error) => console.error('Cuecards: watching a video failed', error),
    });
    return created;
  }

  function watch(key: string, frame: OverlayFrame, video: VideoInfo) {
    for (const wake of waiters) wake();
    if (frame.video?.key === video.key) {
      frame.video = video;
      return;
    }
    unwatch(key, frame);
    frame.video = video;
    if (!watches.has(video.key)) {
      // Notes imported for the page (from YiNote) join the video playing on it; the live
      // query then shows them.
      adoptPageNotes(db, video, Date.now()).catch((error) =>
        console.error('Cuecards: matching a page’s notes to its video failed', error),
      );
    }
    const watched = watchOf(video.key);
    watched.frames.add(key);
    if (watched.last) safePost(frame.port, watched.last);
  }

  /** Resolves when a frame connects or watches a video, or at `deadline`. */
  function nextChange(deadline: number) {
    return new Promise<void>((resolve) => {
      const wake = () => {
        waiters.delete(wake);
        resolve();
      };
      waiters.add(wake);
      setTimeout(wake, Math.max(0, deadline - Date.now()));
    });
  }

  function connect(port: Port) {
    const tabId = port.sender?.tab?.id;
    const frameId = port.sender?.frameId;
    if (port.name !== overlayPortName || port.sender?.id !== extensionId) return false;
    if (tabId === undefined || frameId === undefined) return false;
    const key = frameKey(tabId, frameId);
    frames.get(key)?.port.disconnect();
    const frame: OverlayFrame = {
      port,
      tabId,
      frameId,
      watchRequests: 0,
      activeAt: 0,
      isPlaying: false,
    };
    frames.set(key, frame);
    port.onMessage.addListener(async (message: unknown) => {
      const parsed = v.safeParse(PortMessageSchema, message);
      if (!parsed.success) return;
      const request = parsed.output;
      if (request.type === 'watch') {
        const asked = ++frame.watchRequests;
        // A frame watches only the video its address is of: every request a content script
        // makes is bound to the video its frame watches.
        const isShown =
          frame.video?.key === request.video.key ||
          isUrlOfVideo(request.video.key, (await frameAddress(tabId, frameId)) ?? '');
        if (isShown && asked === frame.watchRequests && frames.get(key) === frame) {
          watch(key, frame, request.video);
        }
      }
      if (request.type === 'activity') {
        frame.activeAt = Date.now();
        frame.isPlaying = request.isPlaying;
      }
      if (request.type === 'editor') {
        frame.editorToken = request.token;
        if (request.token) onEditorReported(tabId, frameId, request.token);
      }
    });
    port.onDisconnect.addListener(() => {
      if (frames.get(key) !== frame) return;
      unwatch(key, frame);
      frames.delete(key);
    });
    for (const wake of waiters) wake();
    return true;
  }

  /** The tab's overlays, the one a viewer most likely means first: playing, then last used. */
  function framesOfTab(tabId: number): OverlayFrame[] {
    return [...frames.values()]
      .filter((frame) => frame.tabId === tabId)
      .sort((a, b) => Number(b.isPlaying) - Number(a.isPlaying) || b.activeAt - a.activeAt);
  }

  /** A notes list's port, for a session already checked: it is sent the video's notes. */
  function watchForList(port: Port, videoKey: string) {
    const watched = watchOf(videoKey);
    watched.lists.add(port);
    if (watched.last) safePost(port, notesOnly(watched.last));
    port.onDisconnect.addListener(() => {
      watched.lists.delete(port);
      release(videoKey, watched);
    });
  }

  return {
    connect,
    watchForList,
    has: (tabId: number, frameId: number) => frames.has(frameKey(tabId, frameId)),
    /** The video a frame's overlay shows, as the frame last said. */
    videoOf: (tabId: number, frameId: number) => frames.get(frameKey(tabId, frameId))?.video,
    framesOfTab,
    videosOfTab(tabId: number): TabVideo[] {
      return framesOfTab(tabId).flatMap((frame) =>
        frame.video ? [{ frameId: frame.frameId, video: frame.video }] : [],
      );
    },
    post(tabId: number, frameId: number, push: Push): boolean {
      const frame = frames.get(frameKey(tabId, frameId));
      return frame ? safePost(frame.port, push) : false;
    },
    /** Posts to the tab's overlays that show the editor of `token`, and to `frameId`'s. */
    postToEditor(tabId: number, token: string, push: Push, frameId?: number): boolean {
      let isPosted = false;
      for (const frame of framesOfTab(tabId)) {
        if (frame.editorToken === token || frame.frameId === frameId) {
          isPosted = safePost(frame.port, push) || isPosted;
        }
      }
      return isPosted;
    },
    /** The frame of the tab whose overlay shows the editor of `token`. */
    frameWithEditor: (tabId: number, token: string) =>
      framesOfTab(tabId).find((frame) => frame.editorToken === token)?.frameId,
    /** The video a frame's overlay shows, waiting up to `timeoutMs` for it to say. */
    async videoOfSoon(tabId: number, frameId: number, timeoutMs: number) {
      const deadline = Date.now() + timeoutMs;
      let video = frames.get(frameKey(tabId, frameId))?.video;
      while (!video && Date.now() < deadline) {
        await nextChange(deadline);
        video = frames.get(frameKey(tabId, frameId))?.video;
      }
      return video;
    },
    /** Resolves with the tab's most recently active frame once one has connected. */
    async waitForFrame(tabId: number, timeoutMs: number): Promise<OverlayFrame | undefined> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const [frame] = framesOfTab(tabId);
        if (frame) return frame;
        await nextChange(deadline);
      }
      return framesOfTab(tabId)[0];
    },
  };
}

export type OverlayHub = ReturnType<typeof createOverlayHub>;

function safePost(port: Port, push: Push | NotesListPush): boolean {
  try {
    port.postMessage(push);
    return true;
  } catch {
    // The frame went away between the lookup and the post.
    return false;
  }
}
