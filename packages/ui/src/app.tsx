// The app shell: header, navigation, the token dialog and the page for the current route.
import { useEffect, useState } from 'preact/hooks';
import { TokenDialog } from './components/token-dialog.js';
import { hasToken, isAuthNeeded, onAuthChange } from './lib/api.js';
import { useShortcuts } from './lib/keyboard.js';
import { href, navigate, type Route, useRoute } from './lib/router.js';
import { EventPage } from './pages/event.js';
import { LivePage } from './pages/live.js';
import { OverviewPage } from './pages/overview.js';
import { StreamPage } from './pages/stream.js';
import { StreamsPage } from './pages/streams.js';
import { TimeTravelPage } from './pages/time-travel.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'overview':
      return <OverviewPage />;
    case 'streams':
      return <StreamsPage prefix={route.prefix} category={route.category} after={route.after} />;
    case 'stream':
      return <StreamPage key={route.streamId} streamId={route.streamId} direction={route.direction} from={route.from} />;
    case 'travel':
      return <TimeTravelPage key={route.streamId} streamId={route.streamId} revision={route.revision} />;
    case 'event':
      return <EventPage eventId={route.eventId} />;
    case 'live':
      return <LivePage types={route.types} categories={route.categories} prefix={route.prefix} />;
    default:
      return (
        <section class="empty">
          <h1>Nothing here</h1>
          <p>
            No page at <code>{route.path}</code>. <a href={href.overview()}>Back to the overview</a>
          </p>
        </section>
      );
  }
}

const titles: Record<Route['page'], string> = {
  overview: 'Overview',
  streams: 'Streams',
  stream: 'Stream',
  travel: 'Time travel',
  event: 'Event',
  live: 'Live tail',
  'not-found': 'Not found',
};

function GoTo() {
  const [value, setValue] = useState('');
  const go = (e: Event) => {
    e.preventDefault();
    const v = value.trim();
    if (!v) return;
    navigate(UUID.test(v) ? href.event(v) : href.stream(v));
    setValue('');
  };
  return (
    <form class="goto" onSubmit={go} aria-label="Open a stream or event">
      <label>
        <span class="sr-only">Open a stream id or event id</span>
        <input
          type="search"
          placeholder="Stream or event id…"
          value={value}
          onInput={(e) => setValue(e.currentTarget.value)}
          spellcheck={false}
          autoComplete="off"
        />
      </label>
    </form>
  );
}

function skipToMain(e: Event) {
  e.preventDefault();
  document.getElementById('main')?.focus();
}

export function App() {
  const route = useRoute();
  useShortcuts();
  const [authNeeded, setAuthNeeded] = useState(isAuthNeeded());
  const [dialogOpen, setDialogOpen] = useState(false);
  useEffect(() => onAuthChange(() => setAuthNeeded(isAuthNeeded())), []);
  useEffect(() => {
    if (authNeeded) setDialogOpen(true);
  }, [authNeeded]);
  useEffect(() => {
    document.title = `${titles[route.page]} · Logbook`;
    document.getElementById('main')?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [route.page]);

  const nav = (page: Route['page'] | Route['page'][], to: string, label: string) => {
    const pages = Array.isArray(page) ? page : [page];
    return (
      <a href={to} aria-current={pages.includes(route.page) ? 'page' : undefined}>
        {label}
      </a>
    );
  };

  return (
    <>
      <button type="button" class="skip" onClick={skipToMain}>
        Skip to content
      </button>
      <header class="topbar">
        <a class="brand" href={href.overview()}>
          <span class="logo" aria-hidden="true">
            L
          </span>
          Logbook
        </a>
        <nav class="nav" aria-label="Main">
          {nav('overview', href.overview(), 'Overview')}
          {nav(['streams', 'stream', 'travel', 'event'], href.streams(), 'Streams')}
          {nav('live', href.live(), 'Live tail')}
        </nav>
        <GoTo />
        <button
          type="button"
          class={`btn btn-small ${authNeeded ? 'btn-primary' : 'btn-ghost'}`}
          onClick={() => setDialogOpen(true)}
          aria-label="Access token"
        >
          {authNeeded ? 'Sign in' : hasToken() ? 'Token ✓' : 'Token'}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
      <footer class="footer muted small">
        Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous event · <kbd>g</kbd> <kbd>o</kbd>/<kbd>s</kbd>/<kbd>l</kbd> overview,
        streams, live tail · <kbd>/</kbd> search streams · <kbd>Space</kbd> pause the live tail
      </footer>
      <TokenDialog open={dialogOpen} rejected={authNeeded} onClose={() => setDialogOpen(false)} />
    </>
  );
}
