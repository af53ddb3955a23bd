"""Questions asked of a project (priorities, findings), answered without Qt."""
