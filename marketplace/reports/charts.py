"""Numbers for the inline charts (CSS bars, an SVG line): no JavaScript, nothing external."""

from .queries import ReportRow

TREND_WIDTH, TREND_HEIGHT = 640, 160


def bar_rows(rows: list[ReportRow]) -> list[dict]:
    """Per region: share of groups with a partnership, and GMV relative to the largest region."""
    top_gmv = max((row.gmv for row in rows), default=0)
    bars = []
    for row in rows:
        if not row.groups_registered and not row.gmv:
            continue
        share = row.partnership_share or 0
        bars.append(
            {
                "name": row.name,
                "code": row.code,
                "partnership_percent": round(share * 100, 1),
                "partnered": row.groups_with_partnership,
                "registered": row.groups_registered,
                "gmv": row.gmv,
                "gmv_percent": round(row.gmv * 100 / top_gmv, 1) if top_gmv else 0,
            }
        )
    return bars


def trend_points(months: list[dict]) -> dict:
    """An SVG polyline of GMV per month, scaled into the chart's box."""
    if not months:
        return {"points": "", "labels": [], "width": TREND_WIDTH, "height": TREND_HEIGHT}
    top = max(month["gmv"] for month in months) or 1
    step = TREND_WIDTH / max(len(months) - 1, 1)
    labels = []
    points = []
    for index, month in enumerate(months):
        x = round(index * step, 1)
        y = round(TREND_HEIGHT - month["gmv"] * (TREND_HEIGHT - 10) / top, 1)
        points.append(f"{x},{y}")
        labels.append({"x": x, "y": y, **month})
    return {
        "points": " ".join(points),
        "labels": labels,
        "width": TREND_WIDTH,
        "height": TREND_HEIGHT,
    }
