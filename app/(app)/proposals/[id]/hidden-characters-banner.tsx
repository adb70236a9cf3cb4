// Like GitHub's hidden-Unicode warning: the proposal holds characters a
// person would not see or that change the direction of text; each one is
// shown below as a marker (⟨U+202E⟩) where it occurs.
export function HiddenCharactersBanner() {
  return (
    <div
      role="alert"
      data-testid="hidden-characters-banner"
      className="rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <p className="font-semibold">This proposal contains invisible or direction-changing characters</p>
      <p className="mt-0.5 text-xs">
        Text from the agent holds characters that are invisible or that reorder what is shown (for example U+202E, which reverses the
        text after it). Each one is shown as a marker like <span className="font-mono">⟨U+202E⟩</span> where it occurs. Check those values
        before deciding: what runs is the text with those characters in it.
      </p>
    </div>
  );
}
