/**
 * A progress bar: determinate at `percent` (0–100), or sliding while the total is not known (null).
 * `label` names it for a screen reader (a progressbar without a name is announced as just "progress").
 */
export function ProgressBar({ percent, label }: { percent: number | null; label: string }) {
  return (
    <div
      className={`sync-bar${percent === null ? ' sync-bar-indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      {...(percent !== null ? { 'aria-valuenow': Math.round(percent) } : {})}
    >
      <div className="sync-bar-fill" style={percent !== null ? { width: `${percent}%` } : undefined} />
    </div>
  )
}
