import { useEffect, useState } from 'preact/hooks';

/** A short message ("Copied", "Saved") that clears itself after `ms`; a new message restarts the clock. */
export function useFlash(ms: number): [string, (message: string) => void] {
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(''), ms);
    return () => clearTimeout(timer);
  }, [message, ms]);
  return [message, setMessage];
}
