/**
 * Putting text on the clipboard, for "Copy details" in a tip and in the popup. Never throws: the answer
 * says whether the text got there, so the person sees "Copied" or "Copy failed".
 */
export async function copyText(text: string | (() => string)): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(typeof text === 'function' ? text() : text);
    return true;
  } catch {
    return false;
  }
}
