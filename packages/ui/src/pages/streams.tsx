// Streams: search by prefix and category, paged by cursor, with last revision and last activity.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Empty, ErrorBox, PageHeader, Spinner } from '../components/status.js';
import { Time } from '../components/time.js';
import { client, useLoad } from '../lib/api.js';
import { formatInt } from '../lib/format.js';
import { href, navigate } from '../lib/router.js';

const PAGE = 50;

export function effectivePrefix(prefix: string, category: string): string {
  if (!category) return prefix;
  const head = `${category}-`;
  return prefix.startsWith(head) ? prefix : head + prefix;
}

interface Props {
  prefix: string;
  category: string;
  after: string;
}

export function StreamsPage({ prefix, category, after }: Props) {
  const [prefixInput, setPrefixInput] = useState(prefix);
  const [categoryInput, setCategoryInput] = useState(category);
  // Cursors of the pages before this one, so "Previous" works without a backward listing in the API.
  const [stack, setStack] = useState<string[]>([]);
  const searchRef = useRef<HTMLInputElement>(null);
  const query = effectivePrefix(prefix, category);
  const page = useLoad(
    (signal) => client.listStreams({ prefix: query || undefined, after: after || undefined, limit: PAGE, signal }),
    [query, after],
  );

  useEffect(() => {
    const t = setTimeout(() => {
      if (prefixInput !== prefix || categoryInput !== category) {
        setStack([]);
        navigate(href.streams({ prefix: prefixInput, category: categoryInput }), true);
      }
    }, 250);
    return () => clearTimeout(t);
  }, [prefixInput, categoryInput, prefix, category]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key === '/' && target?.tagName !== 'INPUT' && target?.tagName !== 'TEXTAREA') {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const data = page.data;
  const next = () => {
    if (!data?.next) return;
    setStack([...stack, after]);
    navigate(href.streams({ prefix, category, after: data.next }));
  };
  const prev = () => {
    const before = stack.slice(0, -1);
    const target = stack[stack.length - 1] ?? '';
    setStack(before);
    navigate(href.streams({ prefix, category, after: target }));
  };
  const pageNo = stack.length + 1;

  return (
    <section>
      <PageHeader title="Streams" sub="Ordered by stream id. Press / to search." />
      <form class="filters" aria-label="Search streams" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>Stream id prefix</span>
          <input
            ref={searchRef}
            type="search"
            name="prefix"
            placeholder="e.g. account-12"
            value={prefixInput}
            onInput={(e) => setPrefixInput(e.currentTarget.value)}
            autoComplete="off"
            spellcheck={false}
          />
        </label>
        <label>
          <span>Category</span>
          <input
            type="search"
            name="category"
            placeholder="e.g. account"
            value={categoryInput}
            onInput={(e) => setCategoryInput(e.currentTarget.value)}
            autoComplete="off"
            spellcheck={false}
          />
        </label>
      </form>
      {page.error !== undefined && <ErrorBox error={page.error} onRetry={page.reload} />}
      {!data && page.loading && <Spinner />}
      {data && data.streams.length === 0 && (
        <Empty>{query ? `No stream starts with “${query}”.` : 'The store has no streams yet.'}</Empty>
      )}
      {data && data.streams.length > 0 && (
        <div class={`table-wrap${page.loading ? ' is-loading' : ''}`}>
          <table class="table table-streams">
            <thead>
              <tr>
                <th scope="col">Stream</th>
                <th scope="col" class="num">
                  Last revision
                </th>
                <th scope="col" class="num">
                  Events
                </th>
                <th scope="col">Last activity</th>
              </tr>
            </thead>
            <tbody>
              {data.streams.map((s) => (
                <tr key={s.streamId}>
                  <td data-label="Stream">
                    <a class="mono" href={href.stream(s.streamId)}>
                      {s.streamId}
                    </a>
                  </td>
                  <td data-label="Last revision" class="num">
                    {formatInt(s.lastRevision)}
                  </td>
                  <td data-label="Events" class="num">
                    {formatInt(s.lastRevision + 1)}
                  </td>
                  <td data-label="Last activity">
                    <Time iso={s.lastRecordedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="pager" aria-label="Stream pages">
        <button type="button" class="btn" onClick={prev} disabled={!after}>
          ← Previous
        </button>
        <span class="muted">Page {after && stack.length === 0 ? '…' : formatInt(pageNo)}</span>
        <button type="button" class="btn" onClick={next} disabled={!data?.next}>
          Next →
        </button>
      </nav>
    </section>
  );
}
