"""What the programme's pages show from higher apps (provided in their AppConfig.ready)."""

from core.hooks import Hook

#: goal_rollup(programme) -> dict[goal id, dict] | None: the follow-up of each goal (from plans).
goal_rollup = Hook("programme.goal_rollup")
