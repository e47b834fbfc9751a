// placeholder __PLANNER_KEY__
