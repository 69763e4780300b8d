import * as commonmark from 'commonmark';
import fc from 'fast-check';
import { marked } from 'marked';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { useFakeLocale } from '../../tools/fake-i18n';
import type {
  CardRecord,
  DeckRecord,
  NoteRecord,
  VideoAnnotations,
  VideoRecord,
} from '../model/records';
import { timeLink } from '../model/video-key';
import { formatTimestampPadded } from '../timeline/time';
import {
  linkTarget,
  MarkdownFile,
  markdownFileName,
  uniqueFileNames,
  videoToMarkdown,
} from './markdown';

// Built from local date parts, so the exported day is the same in every time zone.
const exportedAt = new Date(2024, 4, 1, 12, 0);

const youTube: VideoRecord = {
  key: 'yt:dQw4w9WgXcQ',
  provider: 'youtube',
  title: 'Rocky IV training montage',
  url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
  duration: 212.4,
  lastSeenAt: 1,
};
const web: VideoRecord = {
  key: 'url:https://talks.example.org/2023/keynote#9f86d081',
  provider: 'web',
  title: 'Keynote: the long version',
  url: 'https://talks.example.org/2023/keynote',
  lastSeenAt: 1,
};

let serial = 0;
function note(video: VideoRecord, t: number, text: string, change: Partial<NoteRecord> = {}) {
  serial += 1;
  return {
    id: `01890a5d-ac96-774b-bcce-${String(serial).padStart(12, '0')}`,
    videoKey: video.key,
    t,
    text,
    createdAt: serial,
    updatedAt: serial,
    tags: [...text.matchAll(/#(\w+)/g)].map((match) => match[1]!.toLowerCase()),
    deleted: false,
    ...change,
  } satisfies NoteRecord;
}
function deck(video: VideoRecord, title: string, change: Partial<DeckRecord> = {}): DeckRecord {
  serial += 1;
  return {
    id: `01890a5d-ac96-774b-bcce-${String(serial).padStart(12, '0')}`,
    videoKey: video.key,
    title,
    author: '',
    description: '',
    origin: { kind: 'own' },
    enabled: true,
    createdAt: serial,
    updatedAt: serial,
    deleted: false,
    ...change,
  };
}
function card(inDeck: DeckRecord, start: number, change: Partial<CardRecord> = {}): CardRecord {
  serial += 1;
  return {
    id: `01890a5d-ac96-774b-bcce-${String(serial).padStart(12, '0')}`,
    deckId: inDeck.id,
    videoKey: inDeck.videoKey,
    start,
    end: start + 8,
    title: '',
    text: '',
    kind: 'fact',
    createdAt: serial,
    updatedAt: serial,
    deleted: false,
    ...change,
  };
}

describe('videoToMarkdown (golden files)', () => {
  it('exports a YouTube video with notes and the cards of each deck', async () => {
    const own = deck(youTube, 'My cards');
    const imported = deck(youTube, 'Rocky IV trivia', {
      author: 'High Eighties',
      origin: { kind: 'imported', from: 'file' },
      enabled: false,
    });
    const removed = deck(youTube, 'Removed deck', { deleted: true });
    const input: VideoAnnotations = {
      video: youTube,
      notes: [
        note(youTube, 83, 'Drago lifts **twice** his weight #training'),
        note(youTube, 2, 'Opening shot, filmed in *Wyoming* #location #Training'),
        note(youTube, 50, 'Deleted note', { deleted: true }),
        note(youTube, 120, 'Three things:\n- the sled\n- the log\n- the `barn` roof'),
        note(youTube, 150, '```js\nconst punches = [1, 2, 3];\n```\nSee <https://example.com>'),
        note(youTube, 190, 'Rocky climbs\n\n\nthe mountain\r\nat dawn'),
        note(web, 10, 'A note of another video'),
      ],
      cards: [
        card(imported, 20, {
          title: 'Training Montage',
          text: 'By Vince DiCola',
          kind: 'music',
          link: 'https://en.wikipedia.org/wiki/Training_Montage_(song)',
        }),
        card(own, 2, { title: 'Wyoming doubled for the Soviet Union', kind: 'place' }),
        card(own, 90, { text: 'Shot in Jackson Hole.\nThe barn was built for the film.' }),
        card(own, 100, { title: 'Deleted card', deleted: true }),
        card(removed, 30, { title: 'Card of a removed deck' }),
      ],
      decks: [imported, own, removed],
    };
    await expect(videoToMarkdown(input, exportedAt)).toMatchFileSnapshot('fixtures/youtube.md');
  });

  it('exports a web video with hour-long times and no cards', async () => {
    const input: VideoAnnotations = {
      video: web,
      notes: [
        note(web, 3723.9, 'Q&A starts'),
        note(web, 59.5, 'Slides: https://talks.example.org/slides.pdf'),
        note(web, 3599, 'Last minute of the first hour'),
      ],
      cards: [],
      decks: [],
    };
    await expect(videoToMarkdown(input, exportedAt)).toMatchFileSnapshot('fixtures/web.md');
  });

  it('neutralises hostile text in titles, notes and cards', async () => {
    const video: VideoRecord = {
      ...youTube,
      title: 'Rocky: "IV"\n---\nevil: true # </title> \\ [x](javascript:alert(1))',
      url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&x=(a)&y=&amp;',
    };
    const hostileDeck = deck(video, '<img src=x onerror=alert(1)> [[Deck]]', {
      author: '**me**',
    });
    const input: VideoAnnotations = {
      video,
      notes: [
        note(video, 1, '<script>alert(1)</script>'),
        note(video, 2, '[click](javascript:alert(1)) and [fine](https://example.com/a_b)'),
        note(video, 3, '![img](http://x/pixel.gif) and ![[Secret note]]'),
        note(video, 4, '</details><details open><summary>x</summary>'),
        note(video, 5, '<javascript:alert(1)> <https://ok.example> &lt;b&gt; [[Wiki link]]'),
        note(video, 6, '[ref][1]\n[1]: javascript:alert(1)'),
        note(video, 7, 'a `<b>` code span, an open ` backtick\nthat closes ` <img src=x>'),
        note(video, 8, 'text\n```\n<script>inside a fence is code</script>\n```\n<b>after</b>'),
        note(video, 9, '> [!warning] callout\n> <iframe src=x>'),
        note(video, 10, '[a](https://x.example/ "title") [b](<https://x.example>)'),
      ],
      cards: [
        card(hostileDeck, 20, {
          title: '**Bold** [link](javascript:alert(1)) <b>x</b> #tag',
          text: '- not a list\n# not a heading\n1. not ordered\n===\n`code` ![i](http://x) $x$',
          link: 'https://example.com/a)b',
          kind: 'quote',
        }),
      ],
      decks: [hostileDeck],
    };
    await expect(videoToMarkdown(input, exportedAt)).toMatchFileSnapshot('fixtures/hostile.md');
  });
});

describe('MarkdownFile', () => {
  it('links each note as the time link made safe on its own would', () => {
    const provider = fc.constantFrom<VideoRecord['provider']>('youtube', 'vimeo', 'web');
    const url = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.string().map((rest) => `https://x.example/${rest}`),
      fc.constantFrom('https://a.example/(x)\\y&amp;z', 'javascript:alert(1)', 'http://[::1]:8/'),
    );
    fc.assert(
      fc.property(provider, url, fc.double({ min: 0, max: 1e6, noNaN: true }), (kind, href, t) => {
        const key =
          kind === 'youtube' ? 'yt:dQw4w9WgXcQ' : kind === 'vimeo' ? 'vimeo:1' : `url:${href}`;
        const video: VideoRecord = { ...web, key, provider: kind, url: href };
        const file = new MarkdownFile(video);
        file.addNote(note(video, t, 'text'));
        const target = linkTarget(timeLink(video, t));
        const label = formatTimestampPadded(t);
        const item = target ? `- [${label}](${target}) text` : `- ${label} text`;
        expect(file.write([], [], exportedAt)).toContain(`\n\n${item}\n`);
      }),
    );
  });
});

describe('videoToMarkdown', () => {
  const exportOf = (notes: NoteRecord[], video = youTube) =>
    videoToMarkdown({ video, notes, cards: [], decks: [] }, exportedAt);

  it('keeps a title with quotes, colons and line breaks inside its YAML string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (title) => {
        const markdown = exportOf([], { ...youTube, title });
        const [, frontMatter = ''] = markdown.split(/^---$/m);
        const titleLine = frontMatter.split('\n').find((line) => line.startsWith('title: '));
        // Our escapes are the JSON subset of YAML's double-quoted style.
        expect(JSON.parse(titleLine!.slice('title: '.length))).toBe(title);
        expect(markdown.match(/^---$/gm)).toHaveLength(2);
      }),
    );
  });

  it('lists the tags of live notes once each, sorted', () => {
    const markdown = exportOf([
      note(youTube, 1, '#snow #training'),
      note(youTube, 2, '#training #cabin'),
      note(youTube, 3, '#deleted', { deleted: true }),
    ]);
    expect(markdown).toContain('tags:\n  - "cabin"\n  - "snow"\n  - "training"\n---');
  });

  it('keeps all-digit words, which Obsidian does not take for tags, out of the tags', () => {
    const tags = ['1985', 'rocky4', '4th', '2024/05', '1_000'];
    const markdown = exportOf([note(youTube, 1, '#1985 #rocky4 #4th #2024/05 #1_000', { tags })]);
    expect(markdown).toContain('tags:\n  - "1_000"\n  - "2024/05"\n  - "4th"\n  - "rocky4"\n---');
    expect(markdown).toContain('#1985 #rocky4');
  });

  it('leaves out the notes and cards sections when there is nothing live in them', () => {
    const markdown = exportOf([note(youTube, 1, 'gone', { deleted: true })]);
    expect(markdown).not.toContain('## Notes');
    expect(markdown).not.toContain('## Trivia cards');
    expect(
      markdown.endsWith(
        '# [Rocky IV training montage](https://www.youtube.com/watch?v=dQw4w9WgXcQ)\n',
      ),
    ).toBe(true);
  });

  it('keeps every note one list item, whatever its text', () => {
    const text = fc.string({
      unit: fc.constantFrom(...'ab #-*>`~|1.[]()<>!\\&\n\r\t '.split(''), '```', '    '),
      maxLength: 40,
    });
    fc.assert(
      fc.property(
        fc.array(
          text.filter((s) => s.trim() !== ''),
          { maxLength: 5 },
        ),
        (texts) => {
          const notes = texts.map((item, i) => note(youTube, i, item));
          const markdown = exportOf(notes);
          if (notes.length === 0) return;
          const section = markdown.split('## Notes\n\n')[1]!.trimEnd().split('\n');
          expect(section.filter((line) => line.startsWith('- '))).toHaveLength(notes.length);
          for (const line of section) expect(line === '' || /^(- \[| {2})/.test(line)).toBe(true);
        },
      ),
    );
  });

  it('writes a ! before an autolink as text, not as an image', () => {
    const body = exportOf([note(youTube, 0, 'see !<https://x.example/pixel.gif>')]).split(
      '## Notes\n\n',
    )[1]!;
    expect(body).toContain('see \\![https://x.example/pixel.gif](https://x.example/pixel.gif)');
  });

  it('lets no raw HTML, image or non-http link through outside code', () => {
    // Without backticks or tildes there is no code, so every special character must be inert.
    const text = fc.string({
      unit: fc.constantFrom(
        ...'a #*_>|[]()<>!\\&;\n'.split(''),
        'javascript:',
        'https://x.example',
        '&lt;',
        '](',
      ),
      maxLength: 60,
    });
    const escapedBefore = (line: string, at: number) => {
      let count = 0;
      while (line[at - 1 - count] === '\\') count += 1;
      return count % 2 === 1;
    };
    fc.assert(
      fc.property(
        text.filter((s) => s.trim() !== ''),
        (item) => {
          const body = exportOf([note(youTube, 0, item)]).split('## Notes\n\n')[1]!;
          for (const line of body.split('\n')) {
            // The time link that opens the item is ours.
            const checked = line.replace(/^- \[\d\d:\d\d\]\([^)]*\)/, '');
            for (let at = 0; at < checked.length; at++) {
              const char = checked[at]!;
              if (escapedBefore(checked, at)) continue;
              if (char === '<') throw new Error(`raw < in ${JSON.stringify(checked)}`);
              if (char === '&') expect(checked.slice(at)).not.toMatch(/^&#?[0-9a-z]+;/i);
              if (char === '[') {
                expect(checked.slice(at)).toMatch(/^\[(?:\\.|[^\\[\]])*\]\(https?:\/\/[^\s()]+\)/);
                if (at > 0) expect(checked[at - 1]).not.toBe('!');
              }
              if (char === ']') expect(checked.slice(at)).toMatch(/^\]\(https?:\/\//);
            }
          }
        },
      ),
      { numRuns: 1_000 },
    );
  });
});

/** Markdown to HTML, as each renderer writes it. */
type Renderer = (markdown: string) => string;
const renderers: Record<string, Renderer> = {
  CommonMark: (markdown) =>
    new commonmark.HtmlRenderer().render(new commonmark.Parser().parse(markdown)),
  'GFM (micromark)': (markdown) =>
    micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()] }),
  'GFM (marked)': (markdown) => marked.parse(markdown, { async: false }),
};

const decodeHtml = (html: string) =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** What a reader sees of the one note: its words after the time, and the links in them. */
function readerView(html: string) {
  const item = /<li>(.*?)<\/li>/s.exec(html)?.[1] ?? '';
  const [, ...links] = [...item.matchAll(/<a href="([^"]*)"[^>]*>(.*?)<\/a>/g)].map(
    ([, href, text]) => ({ href: decodeHtml(href!), text: decodeHtml(text!) }),
  );
  const words = decodeHtml(item.replace(/<[^>]*>/g, '')).replace(/^\S+ /, '');
  return { words, links };
}

describe('videoToMarkdown read by real renderers', () => {
  const typed =
    'See <https://example.org/>, <https://example.org/a_b?q=1&x=(2)>, <rocky@example.org> and <javascript:alert(1)>';
  const notes = videoToMarkdown(
    { video: web, notes: [note(web, 3, typed)], cards: [], decks: [] },
    exportedAt,
  ).split('## Notes\n\n')[1]!;

  it.each(Object.keys(renderers))('shows an autolink as the viewer typed it, in %s', (name) => {
    const view = readerView(renderers[name]!(notes));
    expect(view.words).toBe(
      'See https://example.org/, https://example.org/a_b?q=1&x=(2), <rocky@example.org> and <javascript:alert(1)>',
    );
    expect(view.links.filter((link) => /^https?:/.test(link.href))).toEqual([
      { href: 'https://example.org/', text: 'https://example.org/' },
      { href: 'https://example.org/a_b?q=1&x=%282%29', text: 'https://example.org/a_b?q=1&x=(2)' },
    ]);
    for (const link of view.links)
      expect(link.href).toMatch(/^(?:https:|mailto:rocky@example\.org$)/);
  });
});

describe('videoToMarkdown in the UI language', () => {
  it('writes its own headings in Portuguese for a Portuguese viewer', () => {
    const imported = deck(youTube, '', { author: 'High Eighties', enabled: false });
    const input: VideoAnnotations = {
      video: youTube,
      notes: [note(youTube, 3, 'Nota')],
      cards: [card(imported, 5, { title: 'Fato' })],
      decks: [imported],
    };
    useFakeLocale('pt_BR');
    try {
      const markdown = videoToMarkdown(input, exportedAt);
      expect(markdown).toContain('## Notas\n');
      expect(markdown).toContain('## Cartões de curiosidades\n');
      expect(markdown).toContain('### Baralho sem título — por High Eighties (desativado)');
    } finally {
      useFakeLocale('en');
    }
  });
});

describe('markdownFileName', () => {
  it.each<[string, Partial<VideoRecord>, string]>([
    ['the title', {}, 'Rocky IV training montage.md'],
    [
      'a title with forbidden characters',
      { title: 'AC/DC: "Live" <1991> | a*b?' },
      'AC DC Live 1991 a b.md',
    ],
    ['a title with leading dots', { title: '...hidden' }, 'hidden.md'],
    ['a title ending in dots', { title: 'Wait for it...' }, 'Wait for it.md'],
    ['a reserved Windows name', { title: 'con' }, 'con video.md'],
    ['an Obsidian link breaker', { title: 'Part #2 [live] ^a' }, 'Part 2 live a.md'],
    ['the key when the title is empty', { title: '' }, 'yt dQw4w9WgXcQ.md'],
    ['the key when the title is only dots', { title: ' . / ..' }, 'yt dQw4w9WgXcQ.md'],
  ])('uses %s', (_, change, name) => {
    expect(markdownFileName({ ...youTube, ...change })).toBe(name);
  });

  it('cuts long titles to 80 characters without splitting an emoji', () => {
    const name = markdownFileName({ ...youTube, title: `${'a'.repeat(79)}😀😀` });
    expect(name).toBe(`${'a'.repeat(79)}😀.md`);
  });

  it('always gives a safe name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), fc.string(), (title, id) => {
        const name = markdownFileName({ ...youTube, title, key: `url:${id}` });
        expect(name).toMatch(/^[^/\\:*?"<>|.\s][^/\\:*?"<>|\p{Cc}]*\.md$/u);
        expect(Array.from(name).length).toBeLessThanOrEqual(83);
      }),
    );
  });
});

describe('uniqueFileNames', () => {
  it('numbers repeats, ignoring case, and never takes a name that comes later', () => {
    expect(uniqueFileNames(['a.md', 'A.md', 'a.md', 'a (2).md', 'b'])).toEqual([
      'a.md',
      'A (3).md',
      'a (4).md',
      'a (2).md',
      'b',
    ]);
  });

  it('gives distinct names and keeps the ones that were distinct', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a.md', 'A.md', 'a (2).md', 'b', '.md')), (names) => {
        const unique = uniqueFileNames(names);
        expect(new Set(unique.map((name) => name.toLowerCase())).size).toBe(names.length);
        const counts = new Map<string, number>();
        for (const name of names)
          counts.set(name.toLowerCase(), (counts.get(name.toLowerCase()) ?? 0) + 1);
        names.forEach((name, i) => {
          if (counts.get(name.toLowerCase()) === 1) expect(unique[i]).toBe(name);
        });
      }),
    );
  });
});
