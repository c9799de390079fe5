"""What the organisation register's pages show from higher apps (provided in their AppConfig.ready)."""

from core.hooks import Hook

#: principles(cooperation) -> list[str] | None: the cooperation's principles, shown on the overview.
principles = Hook("organisations.principles")

#: latest_news(cooperation) -> list of news items | None: the latest published news, shown on the overview.
latest_news = Hook("organisations.latest_news")
#: municipality_arrangements(cooperation, municipality) -> list of rows (name, url, kind, role, is_demo) | None:
#: what the municipality takes part in, shown on its page (provided by the arrangements app).
municipality_arrangements = Hook("organisations.municipality_arrangements")
