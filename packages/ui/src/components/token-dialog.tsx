// The bearer-token field, opened when the server answers 401 or from the header.
import { useEffect, useRef, useState } from 'preact/hooks';
import { hasToken, setToken } from '../lib/api.js';

export function TokenDialog({ open, onClose, rejected }: { open: boolean; onClose: () => void; rejected: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [value, setValue] = useState('');
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  const save = (e: Event) => {
    e.preventDefault();
    setToken(value.trim() || undefined);
    setValue('');
    onClose();
  };
  return (
    <dialog ref={ref} class="dialog" onClose={onClose} aria-labelledby="token-title">
      <form onSubmit={save}>
        <h2 id="token-title">{rejected ? 'This server needs a token' : 'Access token'}</h2>
        <p class="muted">
          {rejected
            ? hasToken()
              ? 'The server refused the saved token. Paste another one.'
              : 'Paste a bearer token with read permission. It is kept in this browser only.'
            : 'The bearer token sent with every request. It is kept in this browser only.'}
        </p>
        <label class="field">
          <span>Bearer token</span>
          <input
            type="password"
            name="token"
            autoComplete="off"
            value={value}
            onInput={(e) => setValue(e.currentTarget.value)}
            autoFocus
          />
        </label>
        <div class="dialog-actions">
          {hasToken() && (
            <button
              type="button"
              class="btn btn-ghost"
              onClick={() => {
                setToken(undefined);
                onClose();
              }}
            >
              Forget token
            </button>
          )}
          <button type="button" class="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="btn btn-primary">
            Save
          </button>
        </div>
      </form>
    </dialog>
  );
}
