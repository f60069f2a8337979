/** A progress bar: determinate at `percent` (0–100), or sliding while the total is not known (null). */
export function ProgressBar({ percent }: { percent: number | null }) {
  return (
    <div
      className={`sync-bar${percent === null ? ' sync-bar-indeterminate' : ''}`}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      {...(percent !== null ? { 'aria-valuenow': Math.round(percent) } : {})}
    >
      <div className="sync-bar-fill" style={percent !== null ? { width: `${percent}%` } : undefined} />
    </div>
  )
}
