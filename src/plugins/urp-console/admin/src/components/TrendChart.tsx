/**
 * A small line chart in plain SVG (no chart library for a few lines): one or more series over the
 * same buckets, each scaled to its own maximum when asked, with the bucket labels underneath.
 */
export interface Line {
  label: string;
  colour: string;
  values: (number | null)[];
}

export function TrendChart({
  labels,
  lines,
  height = 180,
  testId,
}: {
  labels: string[];
  lines: Line[];
  height?: number;
  testId?: string;
}) {
  const width = 720;
  const pad = { top: 12, right: 12, bottom: 28, left: 40 };
  const max = Math.max(1, ...lines.flatMap((l) => l.values.filter((v): v is number => v != null)));
  const x = (i: number) =>
    pad.left +
    (labels.length <= 1 ? 0 : (i * (width - pad.left - pad.right)) / (labels.length - 1));
  const y = (v: number) => pad.top + (1 - v / max) * (height - pad.top - pad.bottom);
  const step = Math.max(1, Math.ceil(labels.length / 8));
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-label={lines.map((l) => l.label).join(', ')}
      data-testid={testId}
    >
      {[0, 0.5, 1].map((f) => (
        <g key={f}>
          <line
            x1={pad.left}
            x2={width - pad.right}
            y1={y(max * f)}
            y2={y(max * f)}
            stroke="#eaeaef"
          />
          <text x={pad.left - 6} y={y(max * f) + 4} fontSize="10" textAnchor="end" fill="#666687">
            {Math.round(max * f * 10) / 10}
          </text>
        </g>
      ))}
      {labels.map((l, i) =>
        i % step === 0 ? (
          <text key={l} x={x(i)} y={height - 8} fontSize="10" textAnchor="middle" fill="#666687">
            {l}
          </text>
        ) : null
      )}
      {lines.map((line) => {
        const points = line.values
          .map((v, i) => (v == null ? null : `${x(i)},${y(v)}`))
          .filter(Boolean)
          .join(' ');
        return (
          <g key={line.label}>
            <polyline points={points} fill="none" stroke={line.colour} strokeWidth="2" />
            {line.values.map((v, i) =>
              v == null ? null : <circle key={i} cx={x(i)} cy={y(v)} r="3" fill={line.colour} />
            )}
          </g>
        );
      })}
    </svg>
  );
}
