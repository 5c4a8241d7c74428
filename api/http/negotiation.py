"""Content negotiation: the media type an Accept header rates highest among those offered (RFC 9110 12.5.1)."""

from __future__ import annotations

from fastapi import Request

from api.http.errors import Problem


def media_ranges(header: str) -> list[tuple[str, float]]:
    """(media range, q) pairs of an Accept header; a range with an unreadable q is ignored."""
    ranges = []
    for part in header.split(","):
        media, *params = [p.strip() for p in part.split(";")]
        try:
            q = next((float(p[2:]) for p in params if p.lower().startswith("q=")), 1.0)
        except ValueError:
            continue
        if media:
            ranges.append((media.lower(), q))
    return ranges


def rating(candidate: str, ranges: list[tuple[str, float]]) -> float:
    """The q the most specific matching range gives a media type (RFC 9110 12.5.1); 0 when none matches."""
    best, quality = -1, 0.0
    for media, q in ranges:
        if media == candidate:
            specificity = 2
        elif media.endswith("/*") and candidate.startswith(media[:-1]):
            specificity = 1
        elif media == "*/*":
            specificity = 0
        else:
            continue
        if specificity > best:
            best, quality = specificity, q
    return quality


def accepted(request: Request, offered: list[str]) -> str:
    """The offered media type the Accept header rates highest (the earlier offered one on a tie)."""
    ranges = media_ranges(request.headers.get("accept", "") or "*/*")
    quality, first = max((rating(candidate, ranges), -i) for i, candidate in enumerate(offered))
    if quality <= 0:
        raise Problem(406, "Not Acceptable", f"this can be sent as: {', '.join(offered)}")
    return offered[-first]
